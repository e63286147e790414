"""Forms of the staff pages; they parse input and hand it to `public_services.services`, never saving models."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pembina.core.exceptions import ApplicationError
from pembina.public_services.choices import (
    ComplaintChannel,
    ComplaintTier,
    Education,
    HolidayKind,
    Occupation,
    RespondentGender,
)
from pembina.public_services.models import ServicePolicy
from pembina.public_services.rules import skm
from pembina.public_services.services.calendar import POLICY_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented by depth, so the tree reads in a plain <select>."""

    def label_from_instance(self, obj) -> str:
        return ("· " * max(obj.depth - 1, 0)) + obj.name


class StaffForm(forms.Form):
    """Bootstrap classes on every widget, `is-invalid` on fields with errors, service errors by field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if "is-invalid" not in css:
                    widget.attrs["class"] = f"{css} is-invalid".strip()

    def add_application_error(self, exc: ApplicationError) -> None:
        """Show a service's refusal next to the field it names (or above the form)."""
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)


# --- counter desk -----------------------------------------------------------------------------------


class RequestRegisterForm(StaffForm):
    """The counter clerk's form: few fields, big inputs, one click to the receipt."""

    service = ServiceChoiceField(queryset=None, label=_("Layanan"), empty_label=_("— pilih layanan —"))
    citizen_name = forms.CharField(label=_("Nama pemohon"), max_length=150)
    citizen_contact = forms.CharField(
        label=_("Nomor HP atau surel"),
        max_length=100,
        required=False,
        help_text=_("Untuk memberi tahu pemohon bila produk layanan sudah selesai."),
    )
    description = forms.CharField(
        label=_("Keterangan permohonan"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    location = forms.CharField(label=_("Lokasi/alamat objek"), required=False, max_length=200)
    verified = forms.BooleanField(
        label=_("Berkas persyaratan sudah diperiksa lengkap di loket"),
        required=False,
        help_text=_("Centang agar permohonan langsung berstatus diverifikasi."),
    )
    note = forms.CharField(label=_("Catatan petugas"), required=False, max_length=2000)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        for name in ("service", "citizen_name", "citizen_contact"):
            css = self.fields[name].widget.attrs["class"]
            self.fields[name].widget.attrs["class"] = (
                f"{css} form-control-lg" if "select" not in css else f"{css} form-select-lg"
            )
        self.fields["citizen_name"].widget.attrs.update({"autocomplete": "off", "autofocus": True})
        self.fields["citizen_contact"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})


class RequestTransitionForm(StaffForm):
    to_status = forms.CharField(max_length=12, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000)
    reason = forms.CharField(
        label=_("Alasan penolakan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- complaints -------------------------------------------------------------------------------------

STAFF_CHANNELS = [(v, label) for v, label in ComplaintChannel.choices if v != ComplaintChannel.WEB]


class ComplaintRegisterForm(StaffForm):
    """A complaint taken at the counter, by WhatsApp, or copied from SP4N-LAPOR!."""

    channel = forms.ChoiceField(label=_("Kanal"), choices=STAFF_CHANNELS)
    lapor_reference = forms.CharField(
        label=_("Nomor laporan SP4N-LAPOR!"),
        max_length=40,
        required=False,
        help_text=_("Wajib untuk kanal LAPOR!."),
    )
    subject = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(
        label=_("Isi pengaduan"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    location = forms.CharField(label=_("Lokasi kejadian"), max_length=200, required=False)
    service = ServiceChoiceField(
        queryset=None, label=_("Layanan terkait"), required=False, empty_label=_("— belum jelas —")
    )
    is_anonymous = forms.BooleanField(
        label=_("Pelapor tidak mau menyebut identitas (anonim)"), required=False
    )
    is_confidential = forms.BooleanField(
        label=_("Identitas pelapor dirahasiakan dari unit yang diadukan"), required=False
    )
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=150, required=False)
    reporter_contact = forms.CharField(label=_("Kontak pelapor"), max_length=100, required=False)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["is_anonymous"].widget.attrs["data-anonymous-toggle"] = "#reporter-fields"


class LiaisonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        position = obj.current_position.name if obj.current_position_id else ""
        return f"{obj.full_name} — {position}" if position else obj.full_name


def liaison_field() -> LiaisonChoiceField:
    return LiaisonChoiceField(
        queryset=None,
        label=_("Petugas penghubung"),
        required=False,
        empty_label=_("— belum ditunjuk —"),
        help_text=_(
            "Admin Penghubung SP4N-LAPOR! pada OPD yang menangani; ia ikut melihat dan menindaklanjuti "
            "pengaduan ini."
        ),
    )


class LiaisonPickerMixin:
    """A `handler` select offering the active employees of the chosen unit's OPD; static/js/
    services_staff.js reloads its options from `options_url` when the unit select changes."""

    unit_field = ""

    def setup_liaison(self, *, candidates, options_url: str) -> None:
        self.fields["handler"].queryset = candidates
        unit_widget = self.fields[self.unit_field].widget
        unit_widget.attrs["data-liaison-url"] = options_url
        unit_widget.attrs["data-liaison-target"] = f"#{self.auto_id % self.add_prefix('handler')}"


class ComplaintVerifyForm(LiaisonPickerMixin, StaffForm):
    tier = forms.ChoiceField(label=_("Klasifikasi"), choices=ComplaintTier.choices)
    unit = UnitChoiceField(
        queryset=None,
        label=_("Unit yang berwenang"),
        required=False,
        empty_label=_("— tetap di unit sekarang —"),
    )
    handler = liaison_field()
    note = forms.CharField(label=_("Catatan verifikasi"), max_length=2000, required=False)
    unit_field = "unit"

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ComplaintForwardForm(LiaisonPickerMixin, StaffForm):
    to_unit = UnitChoiceField(queryset=None, label=_("Teruskan ke unit"))
    handler = liaison_field()
    reason = forms.CharField(
        label=_("Alasan penerusan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    unit_field = "to_unit"

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units


class ComplaintPlanForm(StaffForm):
    plan = forms.CharField(
        label=_("Rencana tindak lanjut"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintResolveForm(StaffForm):
    resolution = forms.CharField(
        label=_("Jawaban/penyelesaian"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintRejectForm(StaffForm):
    reason = forms.CharField(
        label=_("Alasan tidak dapat diproses"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


COMPLAINT_ACTION_FORMS = {
    "verify": ComplaintVerifyForm,
    "forward": ComplaintForwardForm,
    "plan": ComplaintPlanForm,
    "resolve": ComplaintResolveForm,
    "reject": ComplaintRejectForm,
}


# --- catalogue, calendar, policy --------------------------------------------------------------------


class ServiceForm(StaffForm):
    unit = UnitChoiceField(queryset=None, label=_("Unit penanggung jawab"))
    code = forms.CharField(
        label=_("Kode layanan"),
        max_length=40,
        help_text=_("Huruf kapital, angka dan tanda minus, mis. DUKCAPIL-KTPEL."),
    )
    name = forms.CharField(label=_("Nama layanan"), max_length=200)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    requirements = forms.CharField(
        label=_("Persyaratan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Satu persyaratan per baris."),
    )
    procedure = forms.CharField(
        label=_("Sistem, mekanisme dan prosedur"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    completion_days = forms.IntegerField(
        label=_("Waktu penyelesaian (hari kerja)"),
        min_value=0,
        max_value=365,
        help_text=_("0 berarti selesai pada hari kerja yang sama."),
    )
    fee = forms.DecimalField(
        label=_("Biaya/tarif (Rp)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        initial=0,
        help_text=_("0 berarti gratis."),
    )
    fee_note = forms.CharField(label=_("Keterangan biaya"), max_length=300, required=False)
    product = forms.CharField(label=_("Produk layanan"), max_length=200, required=False)
    legal_basis = forms.CharField(label=_("Dasar hukum"), max_length=300, required=False)
    accepts_online = forms.BooleanField(label=_("Menerima permohonan daring"), required=False, initial=True)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    sort_order = forms.IntegerField(label=_("Urutan"), min_value=0, initial=0, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["code"] = (data.get("code") or "").strip().upper()
        data["sort_order"] = data.get("sort_order") or 0
        return data


class HolidayForm(StaffForm):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    name = forms.CharField(label=_("Keterangan"), max_length=150)
    kind = forms.ChoiceField(label=_("Jenis"), choices=HolidayKind.choices)
    is_confirmed = forms.BooleanField(
        label=_("Sudah ditetapkan"),
        required=False,
        initial=True,
        help_text=_("Kosongkan bila tanggal masih perkiraan."),
    )
    note = forms.CharField(label=_("Dasar penetapan"), max_length=300, required=False)


class PolicyForm(StaffForm):
    """The instansi's service policy (Admin BKPSDM); fields and labels come from the model."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in forms.fields_for_model(ServicePolicy, fields=POLICY_FIELDS).items():
            if name == "coordinator_unit":
                field = UnitChoiceField(
                    queryset=units,
                    label=field.label,
                    required=False,
                    help_text=field.help_text,
                    empty_label=_("— belum ditetapkan —"),
                )
            if name == "program_start":
                field.widget = DateInput()
                field.help_text = _(
                    "Awal program percepatan layanan: portal menampilkan perbandingan sebelum/sesudah."
                )
            self.fields[name] = field
        self.style_fields()


# --- SKM on paper --------------------------------------------------------------------------------------


def _blank(choices) -> list[tuple[str, str]]:
    return [("", _("— tidak diisi —")), *choices]


class PaperSurveyForm(StaffForm):
    """One SKM questionnaire filled on paper, typed in by staff: the nine answers as digits 1–4 (Tab
    from box to box), the profile as written, the date on the sheet."""

    service = ServiceChoiceField(queryset=None, label=_("Layanan yang dinilai"))
    tracking_number = forms.CharField(
        label=_("Nomor lacak pada lembar (bila ada)"),
        max_length=40,
        required=False,
        help_text=_("Kuesioner yang dibagikan bersama tanda terima: hubungkan ke permohonannya."),
    )
    filled_on = forms.DateField(label=_("Tanggal pengisian pada lembar"), widget=DateInput())
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=_blank(RespondentGender.choices), required=False
    )
    age = forms.IntegerField(label=_("Usia (tahun)"), min_value=10, max_value=120, required=False)
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=_blank(Education.choices), required=False
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan utama"), choices=_blank(Occupation.choices), required=False
    )
    suggestion = forms.CharField(
        label=_("Saran/masukan yang tertulis"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        for element in skm.ELEMENTS:
            self.fields[element.field] = forms.IntegerField(
                label=f"{element.code} {element.name}",
                min_value=skm.MIN_SCORE,
                max_value=skm.MAX_SCORE,
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control text-center",
                        "inputmode": "numeric",
                        "min": skm.MIN_SCORE,
                        "max": skm.MAX_SCORE,
                        "data-element": element.code,
                    }
                ),
                error_messages={
                    "required": _("Isi nilai 1–4."),
                    "min_value": _("Nilai 1–4."),
                    "max_value": _("Nilai 1–4."),
                },
            )
        self.style_fields()

    @property
    def element_fields(self):
        return [self[e.field] for e in skm.ELEMENTS]

    def clean_filled_on(self):
        day = self.cleaned_data["filled_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("Tanggal pengisian tidak boleh sesudah hari ini."))
        if (today - day).days > 366:
            raise forms.ValidationError(_("Kuesioner lebih dari setahun yang lalu tidak dientri lagi."))
        return day

    def scores(self) -> dict[str, int]:
        return {e.code: self.cleaned_data[e.field] for e in skm.ELEMENTS}


# --- reports ------------------------------------------------------------------------------------------


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve whole-or-running months: the first of the month eleven months ago up to today."""
    today = today or timezone.localdate()
    month = today.month - 11
    year = today.year
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 1), today


class PeriodForm(StaffForm):
    start = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Tanggal akhir harus sama dengan atau sesudah tanggal awal."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("start", _("Periode paling panjang lima tahun."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        start, end = default_period()
        if self.is_bound and self.is_valid():
            start = self.cleaned_data.get("start") or start
            end = self.cleaned_data.get("end") or end
            if end < start:
                start, end = default_period(end)
        return start, end


class ImportForm(StaffForm):
    file = forms.FileField(
        label=_("Berkas (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
