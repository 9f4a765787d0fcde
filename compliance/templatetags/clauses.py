from django import template

from compliance.badges import badges_html

register = template.Library()


@register.simple_tag
def clause_badges(model_or_instance, field_name):
    """{% clause_badges object "approval_date" %}: the clause badges for one field."""
    return badges_html(model_or_instance, field_name)
