"""The explorer's table of observations: sortable columns, values in the reader's format.

Sorting goes through indicators.filters.sorted_observations, the FilterSet's own sort, so the page
and its downloads put the rows in the same order. Vietnamese data (names, breakdowns, a qualifier
English has no words for) is marked lang="vi" for an English page."""
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableListData

from indicators.breakdowns import breakdown_label
from indicators.filters import NewestFirstRows, sorted_observations
from indicators.models import Observation
from indicators.selectors.series import is_target
from indicators.templatetags.labels import is_english, pick_language
from indicators.templatetags.number_format import format_period, format_stated_value, qualifier_stays_vietnamese


def _sorts_as(sort: str):
    """A django-tables2 order_<column> method that sorts as the FilterSet's `sort=<column>` does."""
    def order(table, queryset, is_descending):
        return sorted_observations(queryset, f"-{sort}" if is_descending else sort), True
    return order


def in_vietnamese(text: str) -> str:
    """Data in the report's language, marked so (a screen reader reads it as Vietnamese on an English page)."""
    return format_html('<span lang="vi">{}</span>', text)


class NewestFirstTableData(TableListData):
    """django-tables2's list data over NewestFirstRows, read a page at a time (given the rows alone, it
    would make a list of every one)."""

    def order_by(self, aliases):
        # The rows are in their order already; a column's sort comes with a queryset instead (in_pages).
        return None


def table_data(rows):
    return NewestFirstTableData(rows) if isinstance(rows, NewestFirstRows) else rows


class ObservationTable(tables.Table):
    period_end = tables.Column(verbose_name=_("Thời điểm"))
    indicator = tables.Column(verbose_name=_("Chỉ tiêu"))
    area = tables.Column(verbose_name=_("Địa bàn"))
    value = tables.Column(verbose_name=_("Giá trị"), attrs={"td": {"class": "number"}, "th": {"class": "number"}})
    breakdown = tables.Column(verbose_name=_("Phân tổ"), orderable=False)
    status = tables.Column(verbose_name=_("Trạng thái"))
    document = tables.Column(verbose_name=_("Nguồn"))

    order_period_end = _sorts_as("period_end")
    order_indicator = _sorts_as("indicator")
    order_area = _sorts_as("area")
    order_value = _sorts_as("value")
    order_status = _sorts_as("status")
    order_document = _sorts_as("document")

    class Meta:
        model = Observation
        fields = ("period_end", "indicator", "area", "value", "breakdown", "status", "document")
        # No default order here: the view hands over the rows newest first, goals last (sort=newest).
        attrs = {"class": "data-table"}
        row_attrs = {"id": lambda record: f"row-{record.pk}",
                     "class": lambda record: "conflict" if record.in_conflict else ""}
        empty_text = _("Không có số liệu nào khớp bộ lọc.")
        template_name = "django_tables2/explorer_table.html"

    def render_period_end(self, record):
        return format_period(record.period_start, record.period_end)

    def render_indicator(self, record):
        indicator = record.indicator
        url = reverse("indicators:indicator", args=[indicator.code])
        if is_english() and indicator.name_en:
            return format_html('<a href="{}">{}</a>', url, indicator.name_en)
        return format_html('<a href="{}" lang="vi">{}</a>', url, indicator.name_vi)

    def render_area(self, record):
        return format_html('<a href="{}" lang="vi">{}</a>', reverse("indicators:area", args=[record.area.key]),
                           record.area.short_name)

    def render_value(self, record):
        stated = format_stated_value(record.value, record.indicator.unit, record.qualifier)
        if qualifier_stays_vietnamese(record.qualifier):
            stated = in_vietnamese(stated)
        conflict = format_html(' <span class="badge conflict" title="{}">!</span>', _("Mâu thuẫn nguồn")) \
            if record.in_conflict else ""
        return format_html("{}{}", stated, conflict)

    def render_breakdown(self, record):
        label = breakdown_label(record.breakdown, language=get_language() or "vi")
        goal = format_html('<span class="badge goal">{}</span> ', _("Mục tiêu")) if is_target(record.breakdown) else ""
        # An English label may still hold the report's Vietnamese words; an all-ASCII one does not.
        shown = label if is_english() and label.isascii() else in_vietnamese(label) if label else ""
        return format_html("{}{}", goal, shown)

    def render_status(self, record):
        return format_html('<span class="status status-{}">{}</span>', record.status,
                           pick_language(record.get_status_display()))

    def render_document(self, record):
        document = record.document
        url = reverse("indicators:document", args=[document.pk])
        anchor = f"#L{record.source_line}" if record.source_line else ""
        line = format_html(" · {} {}", _("dòng"), record.source_line) if record.source_line else ""
        return format_html('<a href="{}{}"><span lang="vi">{}</span>{}</a>', url, anchor,
                           document.title or document.file_name, line)
