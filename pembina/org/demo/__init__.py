"""The demo city: a realistic Pemerintah Kota Pontianak built from public facts (`pembina demo`).

`plan` decides everything from a seed (pure), `builder` writes it set-based through the audited
querysets, `structure` and `catalogue` hold the data (OPD tree, jabatan, titles, names).
"""

from pembina.org.demo.builder import DEMO_CODE, DEMO_LABEL, DEMO_PASSWORD, is_demo_instansi, totp_secret

__all__ = ["DEMO_CODE", "DEMO_LABEL", "DEMO_PASSWORD", "is_demo_instansi", "totp_secret"]
