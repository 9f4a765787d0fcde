from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def record_url(resource, action, obj=None, **query):
    """URL of a records page: {% record_url resource "detail" obj %}, {% record_url resource "create" household=3 %}."""
    args = [obj.pk] if obj is not None else []
    url = reverse(f"records:{resource.url_prefix}_{action}", args=args)
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url
