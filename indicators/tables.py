"""The explorer's table of observations: sortable columns, values in the reader's format."""
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.models import Observation
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.templatetags.number_format import format_period, format_value


class ObservationTable(tables.Table):
    period_end = tables.Column(verbose_name=_("Thời điểm"), order_by=("period_end", "id"))
    indicator = tables.Column(verbose_name=_("Chỉ tiêu"), order_by=("indicator__code",))
    area = tables.Column(verbose_name=_("Địa bàn"), order_by=("area__short_name",))
    value = tables.Column(verbose_name=_("Giá trị"), attrs={"td": {"class": "number"}, "th": {"class": "number"}})
    breakdown = tables.Column(verbose_name=_("Phân tổ"), orderable=False)
    status = tables.Column(verbose_name=_("Trạng thái"))
    document = tables.Column(verbose_name=_("Nguồn"), order_by=("document__file_name", "source_line"))

    class Meta:
        model = Observation
        fields = ("period_end", "indicator", "area", "value", "breakdown", "status", "document")
        order_by = ("-period_end",)
        attrs = {"class": "data-table"}
        row_attrs = {"id": lambda record: f"row-{record.pk}",
                     "class": lambda record: "conflict" if record.in_conflict else ""}
        empty_text = _("Không có số liệu nào khớp bộ lọc.")
        template_name = "django_tables2/table.html"

    def render_period_end(self, record):
        return format_period(record.period_start, record.period_end)

    def render_indicator(self, record):
        indicator = record.indicator
        return format_html('<a href="{}">{}</a>', reverse("indicators:indicator", args=[indicator.code]),
                           indicator_name(name_vi=indicator.name_vi, name_en=indicator.name_en))

    def render_area(self, record):
        return format_html('<a href="{}">{}</a>', reverse("indicators:area", args=[record.area.key]),
                           record.area.short_name)

    def render_value(self, record):
        qualifier = f"{record.qualifier} " if record.qualifier else ""
        conflict = format_html(' <span class="badge conflict" title="{}">!</span>', _("Mâu thuẫn nguồn")) \
            if record.in_conflict else ""
        return format_html("{}{}{}", qualifier, format_value(record.value, unit=record.indicator.unit), conflict)

    def render_status(self, record):
        return format_html('<span class="status status-{}">{}</span>', record.status,
                           pick_language(record.get_status_display()))

    def render_document(self, record):
        document = record.document
        url = reverse("indicators:document", args=[document.pk])
        anchor = f"#L{record.source_line}" if record.source_line else ""
        line = f" · {_('dòng')} {record.source_line}" if record.source_line else ""
        return format_html('<a href="{}{}">{}{}</a>', url, anchor, document.title or document.file_name, line)
