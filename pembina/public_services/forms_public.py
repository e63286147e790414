"""Forms of the citizen-facing portal: online request, tracking, SKM questionnaire, complaint, and the
complainant's confirmation. Text is bounded here and stored as plain text by the services."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from pembina.public_services.abuse import HONEYPOT_FIELD
from pembina.public_services.choices import Education, Occupation, RespondentGender
from pembina.public_services.rules import skm
from pembina.public_services.services.public import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS

_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{6,18}[0-9]$")

# The answer options of the sample questionnaire in PermenPANRB 14/2017 (1 = worst .. 4 = best),
# with its question per element. Keyed by element code, so an instansi numbering U8/U9 the other
# way round still gets the right wording.
SKM_QUESTIONS: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "U1": (
        _("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    "U2": (
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    "U3": (
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    "U4": (
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    "U5": (
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
            "standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    "U6": (
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    "U7": (
        _(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    "U8": (
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    "U9": (
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
}


def validate_contact(value: str) -> str:
    value = (value or "").strip()
    if "@" in value:
        try:
            validate_email(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("Alamat surel tidak valid.")) from None
        return value
    if not _PHONE.match(value):
        raise forms.ValidationError(_("Isi nomor HP (mis. 0812 3456 7890) atau alamat surel yang benar."))
    return value


class BootstrapForm(forms.Form):
    """Bootstrap 5 classes on every widget, and `is-invalid` on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                css = widget.attrs.get("class") or "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()


class HoneypotForm(BootstrapForm):
    """Adds the field people never see (moved off screen by CSS, skipped by keyboard and screen reader)."""

    honeypot_name = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Jangan isi kolom ini"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "form-control"}),
        )

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


class OnlineRequestForm(HoneypotForm):
    citizen_name = forms.CharField(label=_("Nama pemohon"), max_length=150)
    citizen_contact = forms.CharField(
        label=_("Nomor HP atau surel"),
        max_length=100,
        help_text=_("Hanya untuk menghubungi Anda tentang permohonan ini."),
        validators=[validate_contact],
    )
    location = forms.CharField(label=_("Alamat/lokasi (bila perlu)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Keterangan permohonan"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("Saya setuju data ini dipakai hanya untuk memproses permohonan saya."),
        error_messages={"required": _("Centang persetujuan untuk melanjutkan.")},
    )


class TrackForm(BootstrapForm):
    nomor = forms.CharField(
        label=_("Nomor lacak"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "PTK-2611-7K3Q-X9MA",
            }
        ),
    )


class SurveyForm(HoneypotForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for element in skm.ELEMENTS:
            question, options = SKM_QUESTIONS[element.code]
            fields[element.code] = forms.TypedChoiceField(
                label=question,
                help_text=f"{element.code} {element.name}",
                choices=[(str(i + 1), option) for i, option in enumerate(options)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
        fields["gender"] = forms.ChoiceField(
            label=_("Jenis kelamin"),
            choices=[("", _("— tidak diisi —")), *RespondentGender.choices],
            required=False,
        )
        fields["age"] = forms.IntegerField(
            label=_("Usia (tahun)"), min_value=10, max_value=120, required=False
        )
        fields["education"] = forms.ChoiceField(
            label=_("Pendidikan terakhir"),
            choices=[("", _("— tidak diisi —")), *Education.choices],
            required=False,
        )
        fields["occupation"] = forms.ChoiceField(
            label=_("Pekerjaan utama"),
            choices=[("", _("— tidak diisi —")), *Occupation.choices],
            required=False,
        )
        fields["suggestion"] = forms.CharField(
            label=_("Saran dan masukan"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        honeypot = self.fields.pop(HONEYPOT_FIELD)
        self.fields.update(fields)
        self.fields[HONEYPOT_FIELD] = honeypot
        self.style_widgets()

    def element_fields(self):
        return [self[e.code] for e in skm.ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("gender", "age", "education", "occupation")]

    def scores(self) -> dict[str, int]:
        return {e.code: self.cleaned_data[e.code] for e in skm.ELEMENTS}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ComplaintForm(HoneypotForm):
    service = forms.ChoiceField(label=_("Layanan yang diadukan (bila ada)"), required=False)
    subject = forms.CharField(label=_("Judul pengaduan"), max_length=200)
    description = forms.CharField(
        label=_("Isi pengaduan"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan apa, kapan dan di mana terjadi. Jangan cantumkan data pribadi orang lain."),
    )
    location = forms.CharField(label=_("Lokasi kejadian"), max_length=200, required=False)
    is_anonymous = forms.BooleanField(
        label=_("Kirim secara anonim (tanpa nama dan kontak)"),
        required=False,
        help_text=_("Anda tetap dapat memantau dan mengonfirmasi melalui tautan pada tanda terima."),
    )
    is_confidential = forms.BooleanField(
        label=_("Rahasiakan identitas saya dari unit yang diadukan"), required=False
    )
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=150, required=False)
    reporter_contact = forms.CharField(label=_("Nomor HP atau surel"), max_length=100, required=False)
    attachments = MultipleFileField(
        label=_("Lampiran (foto atau PDF)"),
        required=False,
        help_text=_(
            "Paling banyak %(n)s berkas, masing-masing paling besar %(mb)s MB: PDF, JPG, PNG, GIF, WEBP."
        )
        % {"n": MAX_ATTACHMENTS, "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("— tidak terkait layanan tertentu —"))] + [
            (s.code, f"{s.name} — {s.opd.name}") for s in services
        ]
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.gif,.webp"

    def clean_reporter_contact(self):
        value = self.cleaned_data.get("reporter_contact", "").strip()
        return validate_contact(value) if value else value

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("Lampiran paling banyak %(n)s berkas.") % {"n": MAX_ATTACHMENTS})
        return files

    def clean(self):
        data = super().clean()
        if not data.get("is_anonymous") and not (data.get("reporter_name") or "").strip():
            self.add_error("reporter_name", _("Nama pelapor wajib diisi, atau pilih pengaduan anonim."))
        return data


class ComplaintConfirmForm(BootstrapForm):
    satisfied = forms.TypedChoiceField(
        label=_("Apakah penyelesaian ini menjawab pengaduan Anda?"),
        choices=[("1", _("Ya, saya menerima penyelesaiannya")), ("0", _("Tidak, pengaduan belum selesai"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("Penilaian Anda atas penanganan pengaduan"),
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = sangat buruk, 5 = sangat baik."),
    )
    note = forms.CharField(
        label=_("Tanggapan (bila ada)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
