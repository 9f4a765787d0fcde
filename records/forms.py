"""ModelForms for records, built from each resource's declared fields."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.db import models as dj_models
from django.db.models import Q

from compliance.forms import ClauseBadgesFormMixin
from records.choices import PlacementType
from records.concurrency import versioned
from records.permissions import VIEW, policy_for, restrict


class RecordForm(ClauseBadgesFormMixin, forms.ModelForm):
    """Base for every records form: date pickers, choices narrowed to what the user may see."""

    def __init__(self, *args, user, manager_only_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        for name, form_field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            if isinstance(model_field, dj_models.ForeignKey):
                self._narrow_choices(form_field, model_field, user, getattr(self.instance, model_field.attname))
        if not user.is_manager:
            for name in manager_only_fields:
                self.fields.pop(name, None)
        self.helper.layout = self._grid_layout()

    def _grid_layout(self):
        """Two columns on wide screens; long text and tick-lists take the full width."""
        wide = (forms.Textarea, forms.CheckboxSelectMultiple)
        cells = [Div(name, css_class="col-12" if isinstance(field.widget, wide) else "col-md-6")
                 for name, field in self.fields.items()]
        return Layout(Div(*cells, css_class="row"))

    @staticmethod
    def _narrow_choices(form_field, model_field, user, current_id):
        related = model_field.related_model
        try:
            policy = policy_for(related)
        except LookupError:
            return
        if policy.household_path is not None:
            form_field.queryset = restrict(form_field.queryset, user, VIEW)
        elif related._meta.model_name == "staffmember":
            # Staff still in post, plus whoever the record already names (they may have left since).
            form_field.queryset = form_field.queryset.filter(Q(end_date__isnull=True) | Q(pk=current_id))


def _formfield(model_field, **kwargs):
    if isinstance(model_field, dj_models.DateTimeField):
        return model_field.formfield(widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                format="%Y-%m-%dT%H:%M"), **kwargs)
    if isinstance(model_field, dj_models.DateField):
        return model_field.formfield(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)
    if isinstance(model_field, dj_models.TextField):
        return model_field.formfield(widget=forms.Textarea(attrs={"rows": 3}), **kwargs)
    if model_field.name == "placement_types":
        return forms.TypedMultipleChoiceField(
            choices=PlacementType.choices, widget=forms.CheckboxSelectMultiple, required=False,
            label="Placement types approved for",
        )
    return model_field.formfield(**kwargs)


def form_class_for(resource):
    return forms.modelform_factory(
        resource.model, form=versioned(RecordForm), fields=list(resource.form_fields), formfield_callback=_formfield,
    )
