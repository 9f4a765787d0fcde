from django.forms.utils import pretty_name
from django.utils.html import format_html

from compliance.badges import badges_html


class ClauseBadgesFormMixin:
    """For ModelForms: shows the clause badges after the label of every tagged field.

    Put it before ModelForm in the bases. The label becomes safe HTML (the label text itself is
    escaped), which crispy-forms renders as it is. Badges open in a new tab so
    following one never loses what has been typed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            badges = badges_html(self._meta.model, name, new_tab=True)
            if badges:
                label = pretty_name(name) if field.label is None else field.label
                field.label = format_html("{} {}", label, badges)
