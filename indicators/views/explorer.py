"""The observation explorer: every observation, filtered, sorted and paged; its download links give
exactly the rows on screen, in the same order, with the same columns.

A planner needs no codes: the area box takes a name ("Bắc Giang", "bac giang") and the page moves to
the stable `?area=<key>`; choices read in the reader's language; values read as the report stated them."""
from django import forms
from django.core.paginator import EmptyPage
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from indicators.exports import HIDEABLE_COLUMNS, read_hidden_columns
from indicators.filters import (
    ALL,
    NEWEST_FIRST,
    YES_NO_DEFAULTS,
    ObservationFilterSet,
    area_choice_text,
    in_pages,
    area_validity_text,
)
from indicators.models import FAMILY_CHOICES, Area, Indicator, Observation, Term
from indicators.paging import CappedPaginator, positive_number
from indicators.tables import ObservationTable, table_data
from indicators.templatetags.labels import indicator_name, is_english, pick_language
from indicators.views.responses import bad_request

# Rows a page unless `per_page=` asks for more, and never more than the most: a reader wanting every row
# takes the CSV, which streams them.
PER_PAGE, MAX_PER_PAGE = 50, 500
AREA_PROBLEMS = ("ambiguous_area", "unknown_area")
AREA_CHOICES_SHOWN = 12  # "Phường 1" names dozens of wards: the first ones, then how many more


def explorer_observations():
    # The document's full text is never needed for a table row.
    return Observation.objects.select_related("indicator", "area", "document").defer("document__text")


def with_default_sort(query):
    """The query string as the page reads it: newest first, goals last, unless a column was chosen."""
    query = query.copy()
    if not query.get("sort"):
        query["sort"] = NEWEST_FIRST
    return query


class LanguageMarkedSelect(forms.Select):
    """A <select> whose options in Vietnamese (an indicator with no English name) say so with lang="vi"."""

    def __init__(self, *args, vietnamese_values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.vietnamese_values = set(vietnamese_values)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if str(value) in self.vietnamese_values:
            option["attrs"]["lang"] = "vi"
        return option


def indicator_options() -> tuple[list, set[str]]:
    """The indicators grouped by family, named in the reader's language; and the codes named in Vietnamese."""
    english = is_english()
    grouped: dict[str, list] = {family: [] for family, _label in FAMILY_CHOICES}
    vietnamese = set()
    for code, name_vi, name_en, family in Indicator.objects.order_by("name_vi", "code").values_list(
            "code", "name_vi", "name_en", "family"):
        grouped.setdefault(family, []).append((code, indicator_name(name_vi=name_vi, name_en=name_en)))
        if not (english and name_en):
            vietnamese.add(code)
    labels = dict(FAMILY_CHOICES)
    choices = [(pick_language(labels.get(family, family)), options) for family, options in grouped.items() if options]
    return [("", pick_language(ALL))] + choices, vietnamese


def term_options() -> list[tuple[str, str]]:
    terms = Term.objects.order_by("kind", "start")
    return [("", pick_language(ALL))] + [
        (term.label, f"{pick_language(term.get_kind_display())} {term.label}") for term in terms
    ]


def in_reader_language(form: forms.Form) -> forms.Form:
    """Choices in plain words of the reader's language ("Đảng viên / Party members" -> one half), no
    "---------"; area and document as typed boxes instead of <select>s that would list every commune
    (ten thousand options) or load every document just to print its title."""
    fields = form.fields
    for field in fields.values():
        field.help_text = ""  # the FilterSet's help texts document the parameters (English, for programmers)
    fields["area"].help_text = _("Gõ tên (có dấu hoặc không dấu) hoặc mã; chọn trong gợi ý.")
    for name in ("family", "status", "level"):
        fields[name].empty_label = pick_language(ALL)
        fields[name].choices = [(value, pick_language(str(label))) for value, label in fields[name].choices if value]
    for name, default in YES_NO_DEFAULTS.items():
        # The empty choice already says the default ("Có"): the same words twice would read as two choices.
        # Only the widget loses it: children=true stays a valid URL.
        fields[name].widget.choices = [(value, pick_language(str(label))) for value, label in fields[name].choices
                                       if value != default]
    indicator_choices, vietnamese = indicator_options()
    fields["indicator"].widget = LanguageMarkedSelect(vietnamese_values=vietnamese)
    fields["indicator"].widget.choices = indicator_choices
    fields["term"].widget = forms.Select()
    fields["term"].widget.choices = term_options()
    fields["area"].widget.attrs["placeholder"] = _("tên hoặc mã, vd. Bắc Giang")
    fields["document"].widget = forms.NumberInput(attrs={"min": 1, "placeholder": _("số hiệu tài liệu")})
    return form


def area_option(area: Area) -> dict:
    """A suggestion: "Tỉnh Bắc Giang (24)" (what the box then holds), with the name without diacritics
    (the browser matches what is typed against it) and the unit's validity in figures."""
    validity = ""
    if area.valid_from or area.valid_to:
        start = f"{area.valid_from:%d/%m/%Y}" if area.valid_from else ""
        end = f"{area.valid_to:%d/%m/%Y}" if area.valid_to else ""
        validity = f"{start} – {end}".strip()
    return {"value": area_choice_text(area), "label": " · ".join(part for part in (area.search_name, validity) if part)}


def area_options(first=()) -> list[dict]:
    """The provinces and districts that have data, after any areas a problem named; any other key or
    name (a commune's) is still accepted, but ten thousand communes would make the page heavy."""
    has_data = Exists(Observation.objects.filter(area_id=OuterRef("pk")))
    with_data = Area.objects.filter(has_data, level__in=[Area.PROVINCE, Area.DISTRICT]).order_by("level", "short_name")
    seen, options = set(), []
    for area in [*first, *with_data]:
        if area.pk not in seen:
            seen.add(area.pk)
            options.append(area_option(area))
    return options


def area_key_location(request, filterset: ObservationFilterSet) -> str | None:
    """Where a name typed in the area box leads: the same query with the area's key, the stable URL."""
    area = filterset.form.cleaned_data.get("area")
    if area is None or request.GET.get("area") == area.key:
        return None
    query = request.GET.copy()
    query["area"] = area.key
    query.pop("page", None)
    return f"{request.path}?{query.urlencode()}"


def area_choice(request, area: Area) -> dict:
    """One area a problem offers, as a link to the same query with that area."""
    query = request.GET.copy()
    query["area"] = area.key
    query.pop("page", None)
    return {
        "url": f"{request.path}?{query.urlencode()}", "name": area.name, "key": area.key,
        "validity": area_validity_text(area),
        "parent": area.parent.name if area.parent_id and area.parent else "",
    }


def area_problem_message(error) -> str:
    if error.code == "ambiguous_area":
        return _("tên này ứng với %(count)s địa bàn, hãy chọn một:") % {"count": len(error.params["areas"])}
    if error.params["areas"]:
        return _("không có địa bàn nào đúng tên này. Có phải là:")
    return _("không có địa bàn nào đúng tên này. Hãy gõ tên tỉnh, huyện, xã (có dấu hoặc không dấu) "
             "hoặc chọn trong danh sách gợi ý.")


def filter_problems(request, filterset: ObservationFilterSet) -> list[dict]:
    """What is wrong with each parameter, for the page: a name the area box cannot settle lists the
    areas it may mean, each a link (names shown apart from the sentence, marked as Vietnamese)."""
    form, problems = filterset.form, []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            is_area_problem = name == "area" and error.code in AREA_PROBLEMS
            areas = error.params["areas"] if is_area_problem else []
            problems.append({
                "field": name,
                "label": pick_language(str(form.fields[name].label)) if name in form.fields else name,
                "value": request.GET.get(name, ""),
                "message": area_problem_message(error) if is_area_problem else " ".join(error.messages),
                "areas": [area_choice(request, area) for area in areas[:AREA_CHOICES_SHOWN]],
                "more_areas": max(len(areas) - AREA_CHOICES_SHOWN, 0),
            })
    return problems


def suggested_areas(filterset: ObservationFilterSet) -> list[Area]:
    """The areas the area box's problem offers: first among the box's suggestions."""
    errors = filterset.form.errors.as_data().get("area", [])
    areas = [area for error in errors if error.code in AREA_PROBLEMS for area in error.params["areas"]]
    return areas[:AREA_CHOICES_SHOWN]


def explorer_table(rows, request, hidden: tuple[str, ...]) -> ObservationTable:
    """The page's table: sorted by a column header's `sort=` (the FilterSet sorted the rows the same way),
    `per_page=` rows a page (PER_PAGE unless asked, at most MAX_PER_PAGE); a page number past the end
    shows the last page, anything but a positive whole number (page or per_page) the default."""
    table = ObservationTable(table_data(rows), exclude=hidden)
    RequestConfig(request, paginate=False).configure(table)
    per_page = min(positive_number(request.GET.get("per_page")) or PER_PAGE, MAX_PER_PAGE)
    page = positive_number(request.GET.get("page")) or 1
    try:
        table.paginate(paginator_class=CappedPaginator, per_page=per_page, page=page)
    except EmptyPage:
        table.paginate(paginator_class=CappedPaginator, per_page=per_page, page=max(table.paginator.num_pages, 1))
    return table


def download_query(query) -> str:
    """The download links' query: the page's filters, sort and hidden columns, without its paging."""
    query = query.copy()
    query.pop("page", None)
    query.pop("per_page", None)
    return query.urlencode()


def hideable_columns(hidden: tuple[str, ...]) -> list[dict]:
    return [{"name": name, "label": ObservationTable.base_columns[name].verbose_name, "hidden": name in hidden}
            for name in HIDEABLE_COLUMNS]


def observation_explorer(request):
    """Every observation, filtered by the query string; the same filters and sort drive the exports."""
    try:
        hidden = read_hidden_columns(request.GET.getlist("hide"))
    except ValueError as error:
        return bad_request(str(error))
    query = with_default_sort(request.GET)
    filterset = ObservationFilterSet(query, queryset=explorer_observations())
    in_reader_language(filterset.form)
    valid = filterset.is_valid()
    if valid and (location := area_key_location(request, filterset)):
        return redirect(location)
    problems = [] if valid else filter_problems(request, filterset)
    table = explorer_table(in_pages(filterset.qs) if valid else Observation.objects.none(), request, hidden)
    document = filterset.form.cleaned_data.get("document") if valid else None
    return render(request, "indicators/observation_explorer.html", {
        "filterset": filterset,
        "table": table,
        "area_options": area_options(first=suggested_areas(filterset)),
        "download_query": download_query(query),
        # Hidden parameters (sort, series) the reader's URL set: a new filter keeps them.
        "carried_fields": [field for field in filterset.form.hidden_fields() if request.GET.get(field.name)],
        "hideable_columns": hideable_columns(hidden),
        "chosen_document": document,
        "problems": problems,
    }, status=200 if valid else 400)
