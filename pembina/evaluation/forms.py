"""Forms of the evaluation pages: they validate input and hand it to `evaluation.services`."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pembina.core.forms import ServiceForm
from pembina.evaluation.choices import AppealDecision, OrgPredicate, Predicate, Rating

RATING_CHOICES = [(r.value, r.label) for r in (Rating.ABOVE, Rating.MEETS, Rating.BELOW)]
TEXT = {"max_length": 4000}


def _optional_rating(label):
    return forms.ChoiceField(
        label=label, required=False, choices=[("", _("— tidak diubah —")), *RATING_CHOICES]
    )


class RateForm(ServiceForm):
    """The pejabat penilai's judgement: both ratings with their reasons and feedback per BerAKHLAK
    value (one field `feedback_<code>` per value). For a head of a unit whose unit rating is known,
    the rating hasil kerja offers only that rating (the service refuses any other)."""

    rating_result = forms.ChoiceField(
        label=_("Rating hasil kerja"), required=False, choices=RATING_CHOICES, widget=forms.RadioSelect
    )
    result_justification = forms.CharField(
        label=_("Alasan rating hasil kerja"), required=False, widget=forms.Textarea(attrs={"rows": 3}), **TEXT
    )
    rating_behaviour = forms.ChoiceField(
        label=_("Rating perilaku kerja"), required=False, choices=RATING_CHOICES, widget=forms.RadioSelect
    )
    behaviour_justification = forms.CharField(
        label=_("Alasan rating perilaku kerja"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        **TEXT,
    )

    def __init__(self, *args, values=(), unit_rating: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.value_codes = []
        for value in values:
            name = f"feedback_{value.code}"
            self.fields[name] = forms.CharField(
                label=value.name, required=False, widget=forms.Textarea(attrs={"rows": 2}), **TEXT
            )
            self.value_codes.append(value.code)
        if unit_rating:
            self.fields["rating_result"].choices = [(unit_rating, Rating(unit_rating).label)]
            self.fields["rating_result"].help_text = _(
                "Kepala unit: rating hasil kerja mengikuti capaian unit/organisasinya."
            )
        self.style()

    def feedback_fields(self):
        return [self[f"feedback_{code}"] for code in self.value_codes]

    def behaviour_feedback(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"feedback_{code}", "") for code in self.value_codes}


class InviteForm(ServiceForm):
    respondents = forms.ModelMultipleChoiceField(
        label=_("Rekan kerja dan bawahan yang diminta masukan"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        from pembina.org.models import Employee

        ids = [c.pk for c in candidates or []]
        self.fields["respondents"].queryset = Employee.objects.filter(pk__in=ids).order_by("name")


class CalibrateForm(ServiceForm):
    rating_result = _optional_rating(_("Rating hasil kerja baru"))
    rating_behaviour = _optional_rating(_("Rating perilaku kerja baru"))
    reason = forms.CharField(label=_("Alasan kalibrasi"), widget=forms.Textarea(attrs={"rows": 3}), **TEXT)


class Feedback360Form(ServiceForm):
    """One radio row per BerAKHLAK value (`value_<code>`), any may stay empty, plus a comment."""

    comment = forms.CharField(
        label=_("Masukan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}), **TEXT
    )

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.value_codes = []
        for value in values:
            self.fields[f"value_{value.code}"] = forms.ChoiceField(
                label=value.name,
                required=False,
                choices=[("", _("Tidak menilai")), *RATING_CHOICES],
                widget=forms.RadioSelect,
            )
            self.value_codes.append(value.code)
        self.order_fields([*[f"value_{c}" for c in self.value_codes], "comment"])
        self.style()

    def value_fields(self):
        return [self[f"value_{code}"] for code in self.value_codes]

    def ratings(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"value_{code}", "") for code in self.value_codes}


class AppealForm(ServiceForm):
    reasons = forms.CharField(label=_("Alasan keberatan"), widget=forms.Textarea(attrs={"rows": 6}), **TEXT)


class RequestExplanationsForm(ServiceForm):
    note = forms.CharField(
        label=_("Catatan untuk kedua pihak"), required=False, widget=forms.Textarea(attrs={"rows": 3}), **TEXT
    )


class ExplainForm(ServiceForm):
    explanation = forms.CharField(label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 5}), **TEXT)


class DecideForm(ServiceForm):
    decision = forms.ChoiceField(
        label=_("Keputusan"), choices=AppealDecision.choices, widget=forms.RadioSelect
    )
    rating_result = _optional_rating(_("Rating hasil kerja (bila diubah)"))
    rating_behaviour = _optional_rating(_("Rating perilaku kerja (bila diubah)"))
    reasons = forms.CharField(label=_("Alasan keputusan"), widget=forms.Textarea(attrs={"rows": 5}), **TEXT)


class OrgPredicateForm(ServiceForm):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=None)
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=None, required=False, empty_label=_("Tahunan")
    )
    predicate = forms.ChoiceField(label=_("Predikat kinerja organisasi"), choices=OrgPredicate.choices)
    note = forms.CharField(
        label=_("Dasar penetapan"), required=False, widget=forms.Textarea(attrs={"rows": 3}), **TEXT
    )

    def __init__(self, *args, opds=(), periods=None, **kwargs):
        super().__init__(*args, **kwargs)
        from pembina.org.models import Unit

        self.fields["opd"].queryset = Unit.objects.filter(pk__in=[u.pk for u in opds]).order_by("name")
        self.fields["period"].queryset = periods


class SettingsForm(ServiceForm):
    """The instansi's knobs; the TPP table is one number per predicate (`tpp_<predicate>`)."""

    iki_above_min = forms.DecimalField(
        label=_("IKI di atas ekspektasi mulai capaian (%)"), max_digits=7, decimal_places=2
    )
    iki_meets_min = forms.DecimalField(
        label=_("IKI sesuai ekspektasi mulai capaian (%)"), max_digits=7, decimal_places=2
    )
    majority_percent = forms.IntegerField(
        label=_("'Sebagian besar' IKI berarti lebih dari (%)"), min_value=1, max_value=99
    )
    curve_blocking = forms.BooleanField(
        label=_("Pola distribusi mengikat (evaluasi tidak dapat diumumkan bila distribusi menyalahi kurva)"),
        required=False,
    )
    appeal_days = forms.IntegerField(label=_("Batas pengajuan keberatan (hari)"), min_value=1, max_value=90)
    explanation_days = forms.IntegerField(
        label=_("Batas penjelasan keberatan (hari)"), min_value=1, max_value=90
    )
    min_360_respondents = forms.IntegerField(
        label=_("Jumlah minimum responden 360° (paling sedikit 3)"), min_value=3, max_value=50
    )
    potential_medium_min = forms.DecimalField(
        label=_("Potensi menengah mulai skor"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    potential_high_min = forms.DecimalField(
        label=_("Potensi tinggi mulai skor"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in Predicate:
            self.fields[f"tpp_{p.value}"] = forms.DecimalField(
                label=p.label, max_digits=6, decimal_places=2, min_value=Decimal(0), max_value=Decimal(200)
            )
        self.style()

    @classmethod
    def initial_from(cls, settings) -> dict:
        names = [n for n in cls.base_fields]
        initial = {n: getattr(settings, n) for n in names}
        table = settings.tpp_percent or {}
        for p in Predicate:
            initial[f"tpp_{p.value}"] = table.get(p.value, "")
        return initial

    def tpp_fields(self):
        return [self[f"tpp_{p.value}"] for p in Predicate]

    def service_fields(self) -> dict:
        data = {n: self.cleaned_data[n] for n in self.base_fields}
        data["tpp_percent"] = {p.value: str(self.cleaned_data[f"tpp_{p.value}"]) for p in Predicate}
        return data


class RunForm(ServiceForm):
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=None, required=False, empty_label=_("Tahunan")
    )
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=None, required=False, empty_label=_("Seluruh instansi")
    )

    def __init__(self, *args, periods=None, opds=(), allow_all: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from pembina.org.models import Unit

        self.fields["period"].queryset = periods
        self.fields["opd"].queryset = Unit.objects.filter(pk__in=[u.pk for u in opds]).order_by("name")
        if not allow_all:
            self.fields["opd"].required = True
            self.fields["opd"].empty_label = None


class PotentialImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )
