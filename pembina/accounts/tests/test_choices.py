from pembina.accounts.choices import PEGAWAI, PEJABAT_PENILAI, Role, role_label


def test_granted_roles_use_their_choice_label():
    assert role_label(Role.ADMIN_BKPSDM) == "Admin BKPSDM"
    assert role_label("admin_opd") == "Admin OPD"


def test_derived_roles_have_labels_and_unknown_codes_pass_through():
    assert role_label(PEGAWAI) == "Pegawai"
    assert role_label(PEJABAT_PENILAI) == "Pejabat Penilai"
    assert role_label("tim_penilai_x") == "tim_penilai_x"
