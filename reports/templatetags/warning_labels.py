"""Warnings and report messages in the reader's language.

    {% load warning_labels %}
    {{ warning.code|warning_label }}          the title: "Nhiều số không rõ phân tổ" / "Several numbers, no breakdown"
    {{ warning.code|warning_explanation }}    one sentence saying what it means
    {{ warning.message|warning_message }}     the message's half for the reader, Vietnamese words in lang="vi"
    {{ text|vi_marked }}                      any text: in English pages its Vietnamese words in lang="vi"
    {{ warnings|warning_kinds }}              the labels of their codes, once each (a glossary)
"""
from django import template

from reports.bilingual import message_html, text_html
from reports.warnings import warning_kinds as warning_kinds_of, warning_label

register = template.Library()


@register.filter(name="warning_label")
def warning_label_filter(code):
    """A WarningLabel: prints as its title; .title, .explanation, .code."""
    return warning_label(str(code))


@register.filter
def warning_explanation(code):
    return warning_label(str(code)).explanation


@register.filter
def warning_message(message):
    return message_html(str(message or ""))


@register.filter
def vi_marked(text):
    return text_html(str(text or ""))


@register.filter
def warning_kinds(warnings):
    """The labels of these warnings' codes, once each, for a glossary above their table."""
    return warning_kinds_of(w.code for w in warnings)
