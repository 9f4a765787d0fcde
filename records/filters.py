"""Search and filters for list pages, built from each resource's declared fields."""

from django.db.models import Q
from django_filters.filterset import filterset_factory

from records.permissions import VIEW, policy_for, restrict


def filterset_for(resource, *, data, queryset, user):
    """The bound FilterSet for a list page; related choices are narrowed to what `user` may see."""
    filterset = filterset_factory(resource.model, fields=list(resource.filter_fields))(data, queryset=queryset)
    for filter_ in filterset.filters.values():
        choices = filter_.extra.get("queryset")
        if choices is None:
            continue
        try:
            scoped = policy_for(choices.model).household_path is not None
        except LookupError:
            scoped = False
        filter_.extra["queryset"] = restrict(choices, user, VIEW) if scoped else choices
    for field in filterset.form.fields.values():
        field.widget.attrs["class"] = "form-select form-select-sm"
    return filterset


def search(queryset, fields, text):
    """Match every word of `text` against any of `fields` (case-insensitive)."""
    for word in text.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
