"""Forms of the learning pages: they validate input and hand it to `learning.services`."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from pembina.core.forms import DateInput, ServiceForm
from pembina.learning.choices import (
    ActivityKind,
    Channel,
    Difficulty,
    EndingKind,
    ProgrammeCategory,
    ResponseType,
)
from pembina.learning.models import EventEvaluation
from pembina.learning.rules import scenario as sc

JP_KW = {"max_digits": 6, "decimal_places": 1, "min_value": Decimal("0.5")}
SCORE_KW = {"max_digits": 5, "decimal_places": 1, "min_value": 0, "max_value": 100, "required": False}


class NoteForm(ServiceForm):
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea, max_length=2000)


class RequiredNoteForm(ServiceForm):
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea, max_length=2000)


# --- IDP ------------------------------------------------------------------------------------------


class PlanForm(ServiceForm):
    target_position = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Jabatan sasaran (kelompok rencana suksesi/talenta)"),
        empty_label=_("— tidak ada —"),
        help_text=_("Bila Anda masuk kelompok talenta, kesenjangan juga dihitung terhadap jabatan ini."),
    )
    career_goal = forms.CharField(label=_("Sasaran karier"), required=False, widget=forms.Textarea)
    employee_note = forms.CharField(label=_("Catatan pegawai"), required=False, widget=forms.Textarea)

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_position"].queryset = positions


class ActivityForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Bentuk pengembangan"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Kegiatan"), max_length=300)
    competency = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Kompetensi yang dikembangkan"), empty_label=_("— pilih —")
    )
    need = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Untuk kebutuhan pengembangan"), empty_label=_("— tidak ada —")
    )
    planned_jp = forms.DecimalField(label=_("JP rencana"), **JP_KW)
    planned_start = forms.DateField(label=_("Rencana mulai"), required=False, widget=DateInput())
    planned_end = forms.DateField(label=_("Rencana selesai"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea)
    programme = forms.IntegerField(required=False, widget=forms.HiddenInput)
    event = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, competencies, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies
        self.fields["need"].queryset = needs
        self.fields["need"].label_from_instance = lambda n: str(n)[:120]

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("Rencana selesai tidak boleh sebelum rencana mulai."))
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        keys = ("kind", "title", "competency", "need", "planned_jp", "planned_start", "planned_end")
        return {k: d.get(k) for k in keys} | {"note": d.get("note") or ""}


class ActivityCompleteForm(ServiceForm):
    completed_on = forms.DateField(label=_("Tanggal selesai"), widget=DateInput())
    started_on = forms.DateField(label=_("Tanggal mulai"), required=False, widget=DateInput())
    jp = forms.DecimalField(
        label=_("JP terlaksana"), required=False, help_text=_("Kosong = JP rencana."), **JP_KW
    )
    evidence = forms.FileField(
        label=_("Bukti (PDF/PNG/JPEG, maks. 5 MB)"), required=False, widget=forms.ClearableFileInput
    )
    evidence_note = forms.CharField(label=_("Keterangan bukti"), required=False, widget=forms.Textarea)


class RecordVerifyForm(ServiceForm):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Terima")), ("0", _("Tolak"))], coerce=lambda v: v == "1", label=_("Keputusan")
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000)


# --- catalogue, events, enrolment -------------------------------------------------------------------


class EnrolForm(ServiceForm):
    motivation = forms.CharField(
        label=_("Alasan mengikuti"),
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("Mis. kompetensi yang ingin ditingkatkan atau tugas yang memerlukannya."),
    )


class DecisionForm(ServiceForm):
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000)


class EnrolmentResultForm(ServiceForm):
    """The organiser's entries for one participant: attendance and pre/post-test scores."""

    attendance = forms.IntegerField(
        label=_("Kehadiran (%)"), required=False, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    pre_test = forms.DecimalField(label=_("Pre-test"), **SCORE_KW)
    post_test = forms.DecimalField(label=_("Post-test"), **SCORE_KW)


SCALE = [(str(n), str(n)) for n in range(1, 6)]


class EvaluationForm(ServiceForm):
    """Reaction evaluation (1 = sangat kurang … 5 = sangat baik)."""

    comment = forms.CharField(label=_("Saran"), required=False, widget=forms.Textarea, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in EventEvaluation.ITEMS:
            label = EventEvaluation._meta.get_field(item).verbose_name
            self.fields[item] = forms.TypedChoiceField(
                label=str(label).capitalize(), choices=SCALE, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields([*EventEvaluation.ITEMS, "comment"])

    def scores(self) -> dict[str, int]:
        return {item: self.cleaned_data[item] for item in EventEvaluation.ITEMS}


class ExternalCertificateForm(ServiceForm):
    title = forms.CharField(label=_("Nama kegiatan"), max_length=300)
    activity_kind = forms.ChoiceField(label=_("Bentuk pengembangan"), choices=ActivityKind.choices)
    organiser = forms.CharField(label=_("Penyelenggara"), max_length=200)
    number = forms.CharField(label=_("Nomor sertifikat"), required=False, max_length=80)
    start_date = forms.DateField(label=_("Mulai"), widget=DateInput())
    end_date = forms.DateField(label=_("Selesai"), widget=DateInput())
    jp = forms.DecimalField(label=_("JP tercantum"), **JP_KW)
    file = forms.FileField(label=_("Berkas sertifikat (PDF/PNG/JPEG, maks. 5 MB)"))

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class CertificateReviewForm(ServiceForm):
    accept = forms.TypedChoiceField(
        choices=[("1", _("Terima")), ("0", _("Tolak"))], coerce=lambda v: v == "1", label=_("Keputusan")
    )
    jp = forms.DecimalField(
        label=_("JP diakui"), required=False, help_text=_("Kosong = sesuai sertifikat."), **JP_KW
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000)


class VerifyForm(forms.Form):
    kode = forms.CharField(label=_("Kode verifikasi"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].widget.attrs.update(
            {"class": "form-control form-control-lg", "autocomplete": "off", "spellcheck": "false"}
        )


# --- simulations --------------------------------------------------------------------------------


class AnswerForm(forms.Form):
    choice = forms.IntegerField(required=False)
    text = forms.CharField(required=False, max_length=2000, strip=True)


COMPETENCY_LINE = re.compile(r"^\s*([a-z0-9-]+)\s*[:=]\s*([1-5])\s*$")


def parse_competencies(raw: str) -> dict[str, int]:
    """'kode = level' per line → {kode: level}; ValidationError naming the bad line."""
    result: dict[str, int] = {}
    for n, line in enumerate((raw or "").splitlines(), 1):
        if not line.strip():
            continue
        m = COMPETENCY_LINE.match(line.strip().lower())
        if not m:
            raise forms.ValidationError(
                _("Baris %(n)s: tulis 'kode-kompetensi = level' (level 1–5)."), params={"n": n}
            )
        result[m.group(1)] = int(m.group(2))
    return result


def competencies_text(scenario) -> str:
    return "\n".join(
        f"{link.competency.code} = {link.level}"
        for link in scenario.competency_links.select_related("competency").order_by("competency__code")
    )


class ScenarioForm(ServiceForm):
    code = forms.SlugField(label=_("Kode"), max_length=80, help_text=_("Huruf kecil, angka, tanda hubung."))
    title = forms.CharField(label=_("Judul"), max_length=200)
    service_context = forms.CharField(label=_("Konteks layanan"), widget=forms.Textarea)
    service_owner = forms.CharField(label=_("OPD/unit layanan"), required=False, max_length=200)
    channel = forms.ChoiceField(label=_("Kanal"), choices=Channel.choices)
    difficulty = forms.ChoiceField(label=_("Tingkat kesulitan"), choices=Difficulty.choices)
    briefing = forms.CharField(label=_("Pengantar untuk peserta"), required=False, widget=forms.Textarea)
    learning_goals = forms.CharField(
        label=_("Tujuan pembelajaran"), required=False, widget=forms.Textarea, help_text=_("Satu per baris.")
    )
    pass_percent = forms.DecimalField(
        label=_("Batas lulus (%)"), max_digits=5, decimal_places=1, min_value=0, max_value=100, initial=70
    )
    jp = forms.DecimalField(label=_("JP bila lulus"), initial=2, **JP_KW)
    competencies = forms.CharField(
        label=_("Kompetensi yang dibuktikan"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Satu per baris: kode-kompetensi = level, mis. pelayanan-publik = 2."),
    )
    start = forms.ChoiceField(label=_("Langkah awal"), required=False)

    def __init__(self, *args, step_keys=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [("", _("— otomatis: langkah pertama —"))] + [
            (k, k) for k in step_keys
        ]
        if editing:
            del self.fields["code"]
        else:
            del self.fields["start"]

    def clean_competencies(self):
        return parse_competencies(self.cleaned_data.get("competencies") or "")

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("code", None)
        d.pop("competencies", None)
        if "start" in d and not d["start"]:
            d.pop("start")
        return d


RUBRIC_HELP = _(
    "Satu butir per baris: label | dimensi | nilai | kata kunci, kata kunci | umpan balik. "
    "Dimensi: need, manner, improvement, procedure; nilai −3…3."
)


def parse_rubric(raw: str) -> list[dict]:
    items = []
    for n, line in enumerate((raw or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 4:
            raise forms.ValidationError(
                _("Baris %(n)s: perlu paling sedikit label | dimensi | nilai | kata kunci."), params={"n": n}
            )
        label, dimension, points, keywords = parts[:4]
        if dimension not in sc.DIMENSIONS:
            raise forms.ValidationError(
                _("Baris %(n)s: dimensi '%(d)s' tidak dikenal."), params={"n": n, "d": dimension}
            )
        try:
            value = int(points.replace("−", "-"))
        except ValueError:
            raise forms.ValidationError(
                _("Baris %(n)s: nilai harus bilangan bulat."), params={"n": n}
            ) from None
        items.append(
            {
                "label": label,
                "dimension": dimension,
                "points": value,
                "keywords": [k.strip() for k in keywords.split(",") if k.strip()],
                "feedback": " | ".join(parts[4:]).strip(),
            }
        )
    return items


def rubric_text(rubric) -> str:
    lines = []
    for item in rubric or []:
        if not isinstance(item, dict):
            continue
        line = " | ".join(
            [
                str(item.get("label", "")),
                str(item.get("dimension", "")),
                str(item.get("points", 0)),
                ", ".join(str(k) for k in item.get("keywords") or []),
            ]
        )
        if item.get("feedback"):
            line += f" | {item['feedback']}"
        lines.append(line)
    return "\n".join(lines)


class StepForm(ServiceForm):
    key = forms.SlugField(
        label=_("Kunci langkah"), max_length=40, help_text=_("Mis. s1, s2_marah, akhir_baik.")
    )
    title = forms.CharField(label=_("Judul langkah"), required=False, max_length=200)
    situation = forms.CharField(label=_("Situasi"), required=False, widget=forms.Textarea)
    citizen_message = forms.CharField(label=_("Pesan warga"), widget=forms.Textarea)
    kind = forms.ChoiceField(
        label=_("Jenis langkah"),
        choices=[
            (ResponseType.CHOICE, _("Pilihan jawaban")),
            (ResponseType.FREE_TEXT, _("Jawaban bebas (dinilai rubrik kata kunci)")),
            ("ending", _("Akhir percakapan")),
        ],
    )
    ending_kind = forms.ChoiceField(label=_("Jenis akhir"), choices=EndingKind.choices, required=False)
    closing_feedback = forms.CharField(label=_("Umpan balik penutup"), required=False, widget=forms.Textarea)
    prompt = forms.CharField(label=_("Petunjuk jawaban bebas"), required=False, max_length=300)
    rubric = forms.CharField(
        label=_("Rubrik kata kunci"), required=False, widget=forms.Textarea, help_text=RUBRIC_HELP
    )
    min_points = forms.IntegerField(label=_("Nilai minimal jawaban bebas"), initial=1, required=False)
    next = forms.ChoiceField(label=_("Langkah berikutnya (jawaban cukup)"), required=False)
    low_next = forms.ChoiceField(label=_("Langkah berikutnya (jawaban kurang)"), required=False)

    def __init__(self, *args, step_keys=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "—")] + [(k, k) for k in step_keys]
        self.fields["next"].choices = options
        self.fields["low_next"].choices = options
        if editing:
            self.fields["key"].disabled = True

    def clean_rubric(self):
        return parse_rubric(self.cleaned_data.get("rubric") or "")

    def service_data(self) -> dict:
        d = self.cleaned_data
        kind = d["kind"]
        data = {
            "title": d.get("title") or "",
            "situation": d.get("situation") or "",
            "citizen_message": d["citizen_message"],
            "is_ending": kind == "ending",
            "response_type": ResponseType.FREE_TEXT
            if kind == ResponseType.FREE_TEXT
            else ResponseType.CHOICE,
            "ending_kind": d.get("ending_kind") or (EndingKind.FAIR if kind == "ending" else ""),
            "closing_feedback": d.get("closing_feedback") or "",
            "prompt": d.get("prompt") or "",
        }
        if kind == ResponseType.FREE_TEXT:
            data |= {
                "rubric": d.get("rubric") or [],
                "min_points": d.get("min_points") or 1,
                "next": d.get("next") or None,
                "low_next": d.get("low_next") or None,
            }
        return data

    @staticmethod
    def initial_for(step) -> dict:
        kind = "ending" if step.is_ending else step.response_type
        return {
            "key": step.key,
            "title": step.title,
            "situation": step.situation,
            "citizen_message": step.citizen_message,
            "kind": kind,
            "ending_kind": step.ending_kind,
            "closing_feedback": step.closing_feedback,
            "prompt": step.prompt,
            "rubric": rubric_text(step.rubric),
            "min_points": step.min_points,
            "next": step.next_step.key if step.next_step_id else "",
            "low_next": step.low_next_step.key if step.low_next_step_id else "",
        }


SCORE_CHOICES = [("", "—")] + [
    (str(n), f"{n:+d}" if n else "0") for n in range(sc.SCORE_MIN, sc.SCORE_MAX + 1)
]


class ChoiceForm(ServiceForm):
    label = forms.CharField(label=_("Jawaban"), widget=forms.Textarea)
    next = forms.ChoiceField(label=_("Menuju langkah"))
    feedback = forms.CharField(label=_("Umpan balik"), widget=forms.Textarea)
    critical = forms.BooleanField(
        label=_("Pelanggaran berat (mis. meminta imbalan, membuka identitas pelapor): percobaan tidak lulus"),
        required=False,
    )

    def __init__(self, *args, step_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next"].choices = [("", "—")] + [(k, k) for k in step_keys]
        for dim, label in sc.DIMENSIONS.items():
            self.fields[f"score_{dim}"] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, required=False, empty_value=None
            )
            self.fields[f"score_{dim}"].widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        if not any(data.get(f"score_{dim}") is not None for dim in sc.DIMENSIONS):
            raise forms.ValidationError(_("Beri nilai paling sedikit pada satu dimensi rubrik."))
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "label": d["label"],
            "next": d.get("next") or None,
            "feedback": d["feedback"],
            "critical": bool(d.get("critical")),
            "scores": {dim: d[f"score_{dim}"] for dim in sc.DIMENSIONS if d.get(f"score_{dim}") is not None},
        }

    @staticmethod
    def initial_for(choice) -> dict:
        initial = {
            "label": choice.label,
            "next": choice.next_step.key if choice.next_step_id else "",
            "feedback": choice.feedback,
            "critical": choice.critical,
        }
        for dim, value in (choice.scores or {}).items():
            initial[f"score_{dim}"] = str(value)
        return initial


# --- catalogue management ---------------------------------------------------------------------------


class ProgrammeForm(ServiceForm):
    code = forms.SlugField(label=_("Kode"), max_length=60)
    title = forms.CharField(label=_("Nama program"), max_length=250)
    category = forms.ChoiceField(label=_("Kategori"), choices=ProgrammeCategory.choices)
    kind = forms.ChoiceField(label=_("Bentuk"), choices=ActivityKind.choices)
    jp = forms.DecimalField(label=_("JP"), **JP_KW)
    organiser = forms.CharField(label=_("Penyelenggara"), required=False, max_length=200)
    passing_score = forms.DecimalField(
        label=_("Nilai lulus post-test"), help_text=_("Kosong bila tanpa post-test."), **SCORE_KW
    )
    min_attendance = forms.IntegerField(
        label=_("Kehadiran minimal (%)"), min_value=0, max_value=100, initial=80
    )
    description = forms.CharField(label=_("Deskripsi"), required=False, widget=forms.Textarea)
    competencies = forms.CharField(
        label=_("Kompetensi yang dibangun"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Satu per baris: kode-kompetensi = level yang dicapai peserta lulus."),
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    def clean_competencies(self):
        return parse_competencies(self.cleaned_data.get("competencies") or "")

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        for key in ("code", "competencies"):
            d.pop(key, None)
        return d


class EventForm(ServiceForm):
    title = forms.CharField(label=_("Judul kegiatan"), max_length=250)
    batch = forms.CharField(label=_("Angkatan"), required=False, max_length=40)
    start_date = forms.DateField(label=_("Mulai"), widget=DateInput())
    end_date = forms.DateField(label=_("Selesai"), widget=DateInput())
    enrolment_deadline = forms.DateField(label=_("Batas pendaftaran"), required=False, widget=DateInput())
    place = forms.CharField(label=_("Tempat"), required=False, max_length=250)
    link = forms.URLField(label=_("Tautan daring"), required=False)
    quota = forms.IntegerField(label=_("Kuota peserta"), min_value=1)
    jp = forms.DecimalField(label=_("JP"), **JP_KW)
    organiser = forms.CharField(label=_("Penyelenggara"), max_length=200)
    organiser_unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Unit penyelenggara"), empty_label=_("— BKPSDM —")
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea)

    def __init__(self, *args, units, unit_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser_unit"].queryset = units
        self.fields["organiser_unit"].required = unit_required

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data
