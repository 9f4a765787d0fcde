from django import template

from records.display import display, label_for

register = template.Library()


@register.inclusion_tag("panels/_field_row.html")
def field_row(obj, name, label=""):
    """{% field_row member "dbs_date" %}: a <dt>/<dd> pair with the value as people read it and its clause badges."""
    return {"object": obj, "name": name, "label": label or label_for(type(obj), name), "text": display(obj, name)}


@register.inclusion_tag("panels/_countdown.html")
def countdown_badge(countdown, waiting_text="Clock not started"):
    """A badge for a working-day deadline: days left, due today, or overdue."""
    return {"countdown": countdown, "waiting_text": waiting_text,
            "overdue_by": -countdown.working_days_left if countdown.overdue and countdown.working_days_left else 0}
