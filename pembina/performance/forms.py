"""Forms of the performance pages: they validate input and hand it to `performance.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pembina.core.forms import DateInput, ServiceForm
from pembina.performance import datasources
from pembina.performance.choices import (
    Aggregation,
    Approach,
    Aspect,
    CoachingKind,
    CoachingStatus,
    Direction,
    PeriodInterval,
    Perspective,
    PlanForm,
    ResultKind,
    YearState,
)
from pembina.performance.rules import coaching as coaching_rules


class ResultChoiceField(forms.ModelChoiceField):
    """An RHK shown by its text (long statements shortened) and, for a superior's, the owner."""

    def label_from_instance(self, obj) -> str:
        text = obj.statement if len(obj.statement) <= 140 else obj.statement[:137] + "…"
        return f"[{obj.get_kind_display()}] {text}"


# --- plans ------------------------------------------------------------------------------------


class PlanCreateForm(ServiceForm):
    year = forms.ModelChoiceField(queryset=None, label=_("Tahun kinerja"), empty_label=None)
    employee = forms.ModelChoiceField(
        queryset=None,
        label=_("Pegawai"),
        required=False,
        empty_label=_("— pilih —"),
        help_text=_("Anda sendiri, atau bawahan langsung (SKP diusulkan atasan)."),
    )
    nip = forms.CharField(
        label=_("atau NIP pegawai"),
        required=False,
        max_length=30,
        help_text=_("Admin: SKP untuk pegawai dalam cakupan Anda."),
    )
    start_date = forms.DateField(
        label=_("Mulai"), required=False, widget=DateInput(), help_text=_("Kosong: 1 Januari.")
    )
    end_date = forms.DateField(
        label=_("Sampai"), required=False, widget=DateInput(), help_text=_("Kosong: 31 Desember.")
    )
    approach = forms.ChoiceField(
        label=_("Pendekatan"), choices=Approach.choices, initial=Approach.QUANTITATIVE
    )

    def __init__(self, *args, years, employees, employee_lookup, show_nip: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years
        self.fields["employee"].queryset = employees
        self.employee_lookup = employee_lookup
        if not show_nip:
            del self.fields["nip"]

    def clean(self):
        data = super().clean()
        nip = (data.get("nip") or "").replace(" ", "")
        if nip and not data.get("employee"):
            employee = self.employee_lookup(nip)
            if employee is None:
                self.add_error(
                    "nip", _("Pegawai dengan NIP %(nip)s tidak ditemukan dalam cakupan Anda.") % {"nip": nip}
                )
            data["employee"] = employee
        if not data.get("employee") and not self.errors:
            self.add_error("employee", _("Pilih pegawai."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal akhir SKP harus sesudah tanggal mulai."))
        return data


class PlanEditForm(ServiceForm):
    form = forms.ChoiceField(label=_("Bentuk SKP"), choices=PlanForm.choices)
    approach = forms.ChoiceField(label=_("Pendekatan"), choices=Approach.choices)
    support_resources = forms.CharField(
        label=_("Dukungan sumber daya"), required=False, widget=forms.Textarea
    )
    accountability_scheme = forms.CharField(
        label=_("Skema pertanggungjawaban"), required=False, widget=forms.Textarea
    )
    consequences = forms.CharField(label=_("Konsekuensi"), required=False, widget=forms.Textarea)


class ResultForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Jenis RHK"), choices=ResultKind.choices, initial=ResultKind.MAIN)
    statement = forms.CharField(label=_("Rencana hasil kerja"), widget=forms.Textarea, max_length=2000)
    parent_result = ResultChoiceField(
        queryset=None,
        label=_("RHK pimpinan yang diintervensi"),
        required=False,
        empty_label=_("— tidak ada —"),
        help_text=_("RHK pejabat penilai Anda yang didukung oleh RHK ini."),
    )
    goal = forms.ModelChoiceField(
        queryset=None, label=_("Sasaran strategis OPD"), required=False, empty_label=_("— tidak ada —")
    )
    goal_indicator = forms.ModelChoiceField(
        queryset=None, label=_("IKU"), required=False, empty_label=_("— tidak ada —")
    )
    perspective = forms.ChoiceField(
        label=_("Perspektif"), choices=[("", _("— tidak ada —")), *Perspective.choices], required=False
    )

    def __init__(self, *args, parents, goals, goal_indicators, jpt: bool, links_goal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent_result"].queryset = parents
        if links_goal:
            self.fields["goal"].queryset = goals
            self.fields["goal_indicator"].queryset = goal_indicators
        else:
            del self.fields["goal"], self.fields["goal_indicator"]
        if not jpt:
            del self.fields["perspective"]

    def service_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items()}


class IndicatorForm(ServiceForm):
    template = forms.IntegerField(required=False, widget=forms.HiddenInput)
    aspect = forms.ChoiceField(label=_("Aspek"), choices=Aspect.choices, initial=Aspect.QUANTITY)
    name = forms.CharField(label=_("Indikator kinerja individu"), max_length=300)
    target = forms.DecimalField(
        label=_("Target"), required=False, max_digits=16, decimal_places=4, localize=True
    )
    target_text = forms.CharField(
        label=_("Target (uraian)"), required=False, max_length=200, help_text=_("Untuk SKP kualitatif.")
    )
    unit = forms.CharField(label=_("Satuan"), required=False, max_length=40)
    direction = forms.ChoiceField(label=_("Arah"), choices=Direction.choices, initial=Direction.HIGHER)
    aggregation = forms.ChoiceField(
        label=_("Cara akumulasi"), choices=Aggregation.choices, initial=Aggregation.SUM
    )
    data_source = forms.ChoiceField(
        label=_("Sumber data"),
        required=False,
        help_text=_("Kosong: realisasi diisi manual."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_source"].choices = [("", _("— diisi manual —")), *datasources.choices()]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("template", None)
        data["target_text"] = data.get("target_text") or ""
        data["unit"] = data.get("unit") or ""
        return data


# --- workflow ---------------------------------------------------------------------------------


class CommentOnlyForm(ServiceForm):
    comment = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea)
    textarea_rows = 2


class ReviseForm(ServiceForm):
    reason = forms.CharField(label=_("Alasan perubahan SKP"), widget=forms.Textarea)
    textarea_rows = 2


class ReturnForm(ServiceForm):
    """The rater's return: a general note and one note per RHK and per IKI (all optional, one needed)."""

    summary = forms.CharField(label=_("Catatan umum"), required=False, widget=forms.Textarea)
    textarea_rows = 2

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        for n, r in enumerate(results, start=1):
            name = f"result_{r.pk}"
            self.fields[name] = forms.CharField(
                label=_("Catatan untuk RHK %(n)s") % {"n": n}, required=False, widget=forms.Textarea
            )
            inds = []
            for i in r.indicators.all():
                iname = f"indicator_{i.pk}"
                self.fields[iname] = forms.CharField(
                    label=_("Catatan untuk IKI “%(i)s”") % {"i": i.name}, required=False
                )
                inds.append((i, iname))
            self.items.append((r, name, inds))
        self.style()

    def bound_items(self):
        return [(r, self[name], [(i, self[iname]) for i, iname in inds]) for r, name, inds in self.items]

    def service_kwargs(self) -> dict:
        comments = []
        for r, name, inds in self.items:
            if body := (self.cleaned_data.get(name) or "").strip():
                comments.append({"result": r, "indicator": None, "body": body})
            for i, iname in inds:
                if body := (self.cleaned_data.get(iname) or "").strip():
                    comments.append({"result": r, "indicator": i, "body": body})
        return {"summary": self.cleaned_data.get("summary") or "", "comments": comments}


class CommentForm(ServiceForm):
    body = forms.CharField(label=_("Tulis tanggapan"), widget=forms.Textarea, max_length=5000)
    result = forms.IntegerField(required=False, widget=forms.HiddenInput)
    textarea_rows = 2


class ExpectationForm(ServiceForm):
    """The rater's ekspektasi khusus for each of the seven BerAKHLAK values."""

    textarea_rows = 2

    def __init__(self, *args, behaviours, **kwargs):
        super().__init__(*args, **kwargs)
        self.behaviours = behaviours
        for b in behaviours:
            self.fields[f"value_{b.value_id}"] = forms.CharField(
                label=b.value.name, required=False, widget=forms.Textarea, initial=b.expectation
            )
        self.style()


# --- realisations -----------------------------------------------------------------------------


class RealisationForm(ServiceForm):
    period = forms.TypedChoiceField(label=_("Periode"), coerce=int)
    value = forms.DecimalField(
        label=_("Nilai realisasi"), required=False, max_digits=16, decimal_places=4, localize=True
    )
    narrative = forms.CharField(label=_("Uraian realisasi"), required=False, widget=forms.Textarea)
    override_reason = forms.CharField(
        label=_("Alasan koreksi nilai sumber data"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Wajib bila nilai berasal dari sumber data otomatis."),
    )
    file = forms.FileField(
        label=_("Bukti dukung"),
        required=False,
        help_text=_("PDF, gambar (JPG/PNG/GIF/WEBP) atau dokumen perkantoran; maksimum %(mb)s MB."),
    )
    description = forms.CharField(label=_("Keterangan bukti"), required=False, max_length=300)
    textarea_rows = 2

    def __init__(self, *args, periods, max_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (p.pk, f"{p.label} ({p.start:%d-%m} s.d. {p.end:%d-%m-%Y})") for p in periods
        ]
        self.fields["file"].help_text = self.fields["file"].help_text % {"mb": max_mb}
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt"
        )


class FeedbackForm(ServiceForm):
    body = forms.CharField(label=_("Umpan balik"), widget=forms.Textarea, max_length=5000)
    textarea_rows = 2


# --- cascade and collaboration ----------------------------------------------------------------


class CollaborateForm(ServiceForm):
    other = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Keterangan kolaborasi"), required=False, max_length=300)


class CascadeForm(ServiceForm):
    employees = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Bawahan penerima"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu bawahan.")},
    )
    statement = forms.CharField(
        label=_("Rumusan RHK untuk bawahan"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Kosong: sama dengan RHK Anda; setiap bawahan dapat menyesuaikannya."),
    )
    copy_indicators = forms.BooleanField(
        label=_("Salin IKI sebagai titik awal"), required=False, initial=True
    )

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employees"].queryset = employees
        self.fields["employees"].label_from_instance = lambda e: f"{e.full_name} — {e.nip}"


# --- goals, years, library --------------------------------------------------------------------


class GoalForm(ServiceForm):
    code = forms.CharField(label=_("Kode"), required=False, max_length=30)
    statement = forms.CharField(label=_("Sasaran"), widget=forms.Textarea)
    parent = forms.ModelChoiceField(
        queryset=None, label=_("Mendukung sasaran Wali Kota"), required=False, empty_label=_("— tidak ada —")
    )
    textarea_rows = 2

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = parents


class GoalIndicatorForm(ServiceForm):
    name = forms.CharField(label=_("Indikator kinerja utama"), max_length=300)
    target = forms.DecimalField(
        label=_("Target"), required=False, max_digits=16, decimal_places=4, localize=True
    )
    unit = forms.CharField(label=_("Satuan"), max_length=40)
    direction = forms.ChoiceField(label=_("Arah"), choices=Direction.choices)
    aggregation = forms.ChoiceField(
        label=_("Cara akumulasi"), choices=Aggregation.choices, initial=Aggregation.LAST
    )
    data_source = forms.ChoiceField(label=_("Sumber data"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_source"].choices = [("", _("— diisi manual —")), *datasources.choices()]


class YearCreateForm(ServiceForm):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    interval = forms.ChoiceField(label=_("Periode evaluasi"), choices=PeriodInterval.choices)
    planning_deadline = forms.DateField(label=_("Batas penetapan SKP"), required=False, widget=DateInput())
    evaluation_deadline = forms.DateField(
        label=_("Batas evaluasi tahunan"), required=False, widget=DateInput()
    )
    closing_deadline = forms.DateField(label=_("Batas penutupan tahun"), required=False, widget=DateInput())
    realisation_grace_days = forms.IntegerField(
        label=_("Batas pengisian realisasi (hari setelah periode)"), min_value=0, max_value=90, initial=10
    )


class YearUpdateForm(ServiceForm):
    interval = forms.ChoiceField(label=_("Periode evaluasi"), choices=PeriodInterval.choices)
    planning_deadline = forms.DateField(label=_("Batas penetapan SKP"), required=False, widget=DateInput())
    evaluation_deadline = forms.DateField(
        label=_("Batas evaluasi tahunan"), required=False, widget=DateInput()
    )
    closing_deadline = forms.DateField(label=_("Batas penutupan tahun"), required=False, widget=DateInput())
    realisation_grace_days = forms.IntegerField(
        label=_("Batas pengisian realisasi (hari setelah periode)"), min_value=0, max_value=90
    )
    pace_tolerance = forms.DecimalField(
        label=_("Toleransi laju (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )


class YearTransitionForm(ServiceForm):
    to_state = forms.ChoiceField(label=_("Pindah ke tahap"), choices=YearState.choices)


# --- coaching ---------------------------------------------------------------------------------


class CoachingSessionForm(ServiceForm):
    employee = forms.ModelChoiceField(
        queryset=None, label=_("Pegawai yang dibimbing"), empty_label=_("— pilih —")
    )
    kind = forms.ChoiceField(label=_("Bentuk bimbingan"), choices=CoachingKind.choices)
    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput())
    topic = forms.CharField(label=_("Topik"), max_length=300)
    notes = forms.CharField(label=_("Catatan pembicaraan"), required=False, widget=forms.Textarea)
    agreed_actions = forms.CharField(label=_("Aksi yang disepakati"), required=False, widget=forms.Textarea)
    follow_up = forms.CharField(label=_("Tindak lanjut"), required=False, widget=forms.Textarea)
    follow_up_due = forms.DateField(label=_("Batas tindak lanjut"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=CoachingStatus.choices, initial=CoachingStatus.HELD)
    textarea_rows = 2

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees
        self.fields["employee"].label_from_instance = lambda e: f"{e.full_name} — {e.nip}"


class CoachingFollowUpForm(ServiceForm):
    follow_up = forms.CharField(label=_("Tindak lanjut"), required=False, widget=forms.Textarea)
    follow_up_due = forms.DateField(label=_("Batas tindak lanjut"), required=False, widget=DateInput())
    follow_up_done_on = forms.DateField(label=_("Tindak lanjut selesai"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=CoachingStatus.choices)
    textarea_rows = 2


YES_NO = [("1", _("Ya")), ("0", _("Tidak"))]


class CoachingFeedbackForm(ServiceForm):
    """Format B.1.8: the coached employee answers the nine criteria yes/no."""

    comment = forms.CharField(label=_("Saran/komentar"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for code, _group, statement in coaching_rules.FEEDBACK_CRITERIA:
            self.fields[code] = forms.ChoiceField(
                label=statement,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Jawab ya atau tidak.")},
            )
        for key, title in coaching_rules.FEEDBACK_GROUPS.items():
            codes = [c for c, g, _s in coaching_rules.FEEDBACK_CRITERIA if g == key]
            self.groups.append((title, codes))

    def grouped_fields(self):
        return [(title, [self[c] for c in codes]) for title, codes in self.groups]

    def answers(self) -> dict:
        return {c: self.cleaned_data[c] == "1" for c in coaching_rules.CRITERIA_CODES}


SCORE_CHOICES = [("", "—")] + [(str(k), f"{k} — {v}") for k, v in coaching_rules.SCORE_LABELS.items()]


class CompetencyRatingsForm(ServiceForm):
    """Format B.1.9: up to `rows` competencies, each with a score 1–5 and a reason."""

    textarea_rows = 1

    def __init__(self, *args, rows: int = 5, initial_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.row_names = []
        initial_rows = list(initial_rows)
        for n in range(1, rows + 1):
            init = initial_rows[n - 1] if n <= len(initial_rows) else None
            c, s, r = f"competency_{n}", f"score_{n}", f"reason_{n}"
            self.fields[c] = forms.CharField(
                label=_("Kompetensi %(n)s") % {"n": n},
                required=False,
                max_length=200,
                initial=init.competency if init else "",
            )
            self.fields[s] = forms.ChoiceField(
                label=_("Nilai"),
                choices=SCORE_CHOICES,
                required=False,
                initial=str(init.score) if init else "",
            )
            self.fields[r] = forms.CharField(
                label=_("Alasan"), required=False, widget=forms.Textarea, initial=init.reason if init else ""
            )
            self.row_names.append((c, s, r))
        self.style()

    def bound_rows(self):
        return [(self[c], self[s], self[r]) for c, s, r in self.row_names]

    def rows(self) -> list[dict]:
        out = []
        for c, s, r in self.row_names:
            comp = (self.cleaned_data.get(c) or "").strip()
            score = self.cleaned_data.get(s) or ""
            reason = self.cleaned_data.get(r) or ""
            if comp or score or reason.strip():
                out.append({"competency": comp, "score": score, "reason": reason})
        return out
