"""The indicator catalogue and the vocabulary of the genre.

`load_catalogue_file` reads and validates indicators/data/catalogue.json; the extractor and the
Django loader both use it. `LEXICON` is the one table of words the narrative extractor knows:
what a number counts (the noun after it), what is being done to it (activity words that decide
the family before the noun does), and the topics a sentence can be about. Every rule of the
extractor reads its words from here, so the vocabulary can be reviewed in one place.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .facts import FAMILIES

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "indicators" / "data" / "catalogue.json"
UNITS = ("person", "party_member", "organization", "unit", "case", "percent", "ratio", "times", "other")
KINDS = ("stock", "flow")
_REQUIRED = ("code", "name_vi", "name_en", "family", "unit", "kind", "description", "phrases")


def load_catalogue_file(path: str | Path | None = None) -> list[dict]:
    """The catalogue's indicators, validated; raises ValueError naming the first problem."""
    path = Path(path or CATALOGUE_PATH)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"catalogue {path}: cannot read JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise ValueError(f"catalogue {path}: expected an object with an 'indicators' list")
    if not isinstance(data.get("version"), int):
        raise ValueError(f"catalogue {path}: 'version' must be an integer")
    seen: set[str] = set()
    for i, ind in enumerate(data["indicators"]):
        where = f"catalogue {path}, indicator #{i + 1}"
        missing = [k for k in _REQUIRED if k not in ind]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        code = ind["code"]
        where = f"catalogue {path}, indicator {code!r}"
        if not isinstance(code, str) or not code or not code.isascii() or code != code.lower() \
                or any(not (c.isalnum() or c in "._") for c in code):
            raise ValueError(f"{where}: a code is dotted lowercase ascii")
        if code in seen:
            raise ValueError(f"{where}: duplicate code")
        seen.add(code)
        if ind["family"] not in FAMILIES:
            raise ValueError(f"{where}: unknown family {ind['family']!r} (known: {', '.join(FAMILIES)})")
        if ind["unit"] not in UNITS:
            raise ValueError(f"{where}: unknown unit {ind['unit']!r} (known: {', '.join(UNITS)})")
        if ind["kind"] not in KINDS:
            raise ValueError(f"{where}: kind must be 'stock' or 'flow'")
        if not isinstance(ind["phrases"], list) or not all(isinstance(p, str) for p in ind["phrases"]):
            raise ValueError(f"{where}: 'phrases' must be a list of strings")
    return data["indicators"]


@lru_cache(maxsize=1)
def catalogue_by_code() -> dict[str, dict]:
    return {ind["code"]: ind for ind in load_catalogue_file()}


# --- The genre's vocabulary -------------------------------------------------------------------

# Roles a phrase plays for the extractor:
NOUN = "noun"  # after a number, says what is counted and decides the family
WEAK = "weak"  # after a number but family-neutral ("người", "trường hợp"): the context decides
ROLE = "role"  # a position holder ("trưởng thôn"): the predicate after it decides the family
ACTIVITY = "activity"  # an act that decides the family before any noun (kiểm tra -> discipline)
SOFT_ACTIVITY = "soft_activity"  # decides only when the noun is weak or absent (đào tạo -> cadres)
TOPIC = "topic"  # what a sentence is about, read before a number whose noun is weak or absent
PREDICATE = "predicate"  # after a role noun: "là đảng viên", "làm bí thư"
FLOW = "flow"  # a change over a period: giảm, kết nạp, tinh giản...
TARGET = "target"  # a goal, not an achievement: chỉ tiêu, mục tiêu
PLAN = "plan"  # what is to be done, not what was done: dự kiến, sẽ
# a kind of public body ("trung tâm", "trường cao đẳng"): counts public bodies only in a sentence about
# reorganising them ("sáp nhập 2 trung tâm"), elsewhere it may be a place or a school anything happens in
BODY_KIND = "body_kind"


@dataclass(frozen=True)
class Term:
    phrase: str  # lowercase, NFC
    role: str
    family: str | None = None
    unit: str = "other"
    code: str | None = None
    breakdown: tuple[tuple[str, str], ...] = ()


def _t(phrase, role, family=None, unit="other", code=None, **breakdown):
    return Term(phrase, role, family, unit, code, tuple(breakdown.items()))


LEXICON: tuple[Term, ...] = (
    # party members
    _t("đảng viên", NOUN, "party_members", "party_member", "party.members.total"),
    _t("đảng viên người dân tộc thiểu số", NOUN, "party_members", "party_member", "party.members.total",
       ethnicity="dân tộc thiểu số"),
    _t("đảng viên nữ", NOUN, "party_members", "party_member", "party.members.total", sex="nữ"),
    _t("đảng viên dự bị", NOUN, "party_members", "party_member", "party.members.total", status="dự bị"),
    # the press and report tables write "ĐV" ("kết nạp 52 ĐV mới", "tổng số ĐV")
    _t("đv", NOUN, "party_members", "party_member", "party.members.total"),
    _t("đv nữ", NOUN, "party_members", "party_member", "party.members.total", sex="nữ"),
    _t("đv dự bị", NOUN, "party_members", "party_member", "party.members.total", status="dự bị"),
    _t("đồng chí", WEAK, None, "person"),
    _t("cán bộ, đảng viên", NOUN, "party_members", "party_member", "party.members.share"),
    _t("kết nạp", TOPIC, "party_members", "party_member", "party.members.admitted"),
    _t("công nhận đảng viên chính thức", TOPIC, "party_members", "party_member", "party.members.confirmed"),
    _t("xóa tên", TOPIC, "party_members", "party_member", "party.members.removed", reason="xóa tên"),
    _t("ra khỏi đảng", TOPIC, "party_members", "party_member", "party.members.removed"),
    _t("tổng số đảng viên", TOPIC, "party_members", "party_member", "party.members.total"),
    _t("tổng số đv", TOPIC, "party_members", "party_member", "party.members.total"),
    _t("là đảng viên", PREDICATE, "party_members", "party_member", "party.members.village_heads"),
    # party organisations
    _t("tổ chức cơ sở đảng", NOUN, "party_organizations", "organization", "party.orgs.grassroots"),
    _t("tccsđ", NOUN, "party_organizations", "organization", "party.orgs.grassroots"),
    _t("tổ chức đảng trực thuộc", NOUN, "party_organizations", "organization", "party.orgs.under_grassroots"),
    _t("tổ chức đảng", NOUN, "party_organizations", "organization", "party.orgs.total"),
    _t("chi, đảng bộ", NOUN, "party_organizations", "organization", "party.orgs.total"),
    _t("đảng bộ cơ sở", NOUN, "party_organizations", "organization", "party.orgs.grassroots_committees"),
    _t("đảng ủy cơ sở", NOUN, "party_organizations", "organization", "party.orgs.grassroots_committees"),
    _t("đảng bộ xã", NOUN, "party_organizations", "organization", "party.orgs.grassroots_committees",
       type="đảng bộ xã, thị trấn"),
    _t("đảng bộ cơ quan", NOUN, "party_organizations", "organization", "party.orgs.grassroots_committees",
       type="đảng bộ cơ quan"),
    _t("đảng bộ bộ phận", NOUN, "party_organizations", "organization", "party.orgs.under_grassroots",
       type="đảng bộ bộ phận"),
    _t("đảng bộ trực thuộc", NOUN, "party_organizations", "organization", "party.orgs.direct_subordinate"),
    _t("đảng bộ huyện", NOUN, "party_organizations", "organization", "party.orgs.direct_subordinate",
       type="đảng bộ huyện"),
    _t("đảng bộ thị xã", NOUN, "party_organizations", "organization", "party.orgs.direct_subordinate",
       type="đảng bộ thị xã"),
    _t("đảng bộ thành phố", NOUN, "party_organizations", "organization", "party.orgs.direct_subordinate",
       type="đảng bộ thành phố"),
    _t("đảng bộ tương đương", NOUN, "party_organizations", "organization", "party.orgs.direct_subordinate",
       type="tương đương cấp huyện"),
    _t("đảng bộ", NOUN, "party_organizations", "organization", "party.orgs.total"),
    _t("chi bộ cơ sở", NOUN, "party_organizations", "organization", "party.orgs.grassroots_cells"),
    _t("chi bộ trực thuộc", NOUN, "party_organizations", "organization", "party.orgs.cells_under_grassroots"),
    _t("chi bộ", NOUN, "party_organizations", "organization", "party.orgs.cells_under_grassroots"),
    _t("huyện ủy", NOUN, "party_organizations", "organization", "party.orgs.direct_subordinate"),
    _t("tập thể ban thường vụ", NOUN, "party_organizations", "organization", "party.orgs.share"),
    _t("làm bí thư", PREDICATE, "party_organizations", "person", "party.orgs.share"),
    _t("làm phó bí thư", PREDICATE, "party_organizations", "person", "party.orgs.share"),
    # places that hold a party body: "925/962 ấp, khu phố có cấp ủy", "100% thôn có chi bộ"
    _t("có cấp ủy", PREDICATE, "party_organizations", "unit", None),
    _t("có chi bộ", PREDICATE, "party_organizations", "unit", None),
    # staff
    _t("biên chế", NOUN, "staff", "person", "staff.reduced"),
    _t("tinh giản", TOPIC, "staff", "person", "staff.reduced"),
    # leaving the payroll ("giải quyết cho 79 trường hợp thôi việc", "nghỉ hưu trước tuổi ... là 4.055 người")
    *(_t(p, TOPIC, "staff", "person", "staff.reduced") for p in ("thôi việc", "nghỉ việc", "nghỉ hưu trước tuổi")),
    _t("cán bộ, công chức, viên chức", NOUN, "staff", "person", "staff.headcount"),
    _t("cán bộ, công chức", NOUN, "staff", "person", "staff.headcount"),
    _t("cbccvc", NOUN, "staff", "person", "staff.headcount"),
    _t("cbcc", NOUN, "staff", "person", "staff.headcount"),
    _t("công chức", NOUN, "staff", "person", "staff.headcount", category="công chức"),
    _t("viên chức", NOUN, "staff", "person", "staff.headcount", category="viên chức"),
    _t("lãnh đạo cấp phó", NOUN, "staff", "person", "staff.leaders_reduced"),
    _t("cấp phó", NOUN, "staff", "person", "staff.leaders_reduced"),
    _t("người hoạt động không chuyên trách", NOUN, "staff", "person", "staff.part_time_reduced"),
    _t("trường hợp", WEAK, None, "person"),
    _t("người", WEAK, None, "person"),
    # administrative units
    _t("đơn vị hành chính cấp huyện", NOUN, "admin_units", "unit", "admin.district_units", level="district"),
    _t("đơn vị hành chính cấp xã", NOUN, "admin_units", "unit", "admin.commune_units", level="commune"),
    _t("đơn vị hành chính", NOUN, "admin_units", "unit", "admin.commune_units"),
    # "ĐVHC", and "đơn vị cấp xã" without "hành chính" ("toàn tỉnh giảm 82 đơn vị cấp xã")
    _t("đvhc cấp huyện", NOUN, "admin_units", "unit", "admin.district_units", level="district"),
    _t("đvhc cấp xã", NOUN, "admin_units", "unit", "admin.commune_units", level="commune"),
    _t("đvhc", NOUN, "admin_units", "unit", "admin.commune_units"),
    _t("đơn vị cấp huyện", NOUN, "admin_units", "unit", "admin.district_units", level="district"),
    _t("đơn vị cấp xã", NOUN, "admin_units", "unit", "admin.commune_units", level="commune"),
    _t("đơn vị huyện", NOUN, "admin_units", "unit", "admin.district_units", level="district"),
    _t("xã, phường, thị trấn", NOUN, "admin_units", "unit", "admin.commune_units", level="commune"),
    _t("xã, thị trấn", NOUN, "admin_units", "unit", "admin.commune_units", level="commune"),
    _t("xã", NOUN, "admin_units", "unit", "admin.commune_units", level="commune", type="xã"),
    _t("phường", NOUN, "admin_units", "unit", "admin.commune_units", level="commune", type="phường"),
    _t("thị trấn", NOUN, "admin_units", "unit", "admin.commune_units", level="commune", type="thị trấn"),
    # a commune-level unit since the 2025 reform ("37 đơn vị hành chính cấp xã, gồm 3 phường, 33 xã và 1 đặc khu")
    _t("đặc khu", NOUN, "admin_units", "unit", "admin.commune_units", level="commune", type="đặc khu"),
    _t("huyện, thành phố", NOUN, "admin_units", "unit", "admin.district_units", level="district"),
    _t("ubnd huyện", NOUN, "admin_units", "unit", "admin.district_units", level="district"),
    _t("huyện", NOUN, "admin_units", "unit", "admin.district_units", level="district", type="huyện"),
    _t("huyện đảo", NOUN, "admin_units", "unit", "admin.district_units", level="district", type="huyện đảo"),
    _t("thị xã", NOUN, "admin_units", "unit", "admin.district_units", level="district", type="thị xã"),
    _t("thành phố", NOUN, "admin_units", "unit", "admin.district_units", level="district", type="thành phố"),
    _t("thôn, tổ dân phố", NOUN, "admin_units", "unit", "admin.villages", level="village"),
    _t("thôn", NOUN, "admin_units", "unit", "admin.villages", level="village"),
    _t("tổ dân phố", NOUN, "admin_units", "unit", "admin.villages", level="village"),
    _t("ấp, khu phố", NOUN, "admin_units", "unit", "admin.villages", level="village"),
    _t("ấp", NOUN, "admin_units", "unit", "admin.villages", level="village"),
    _t("khu phố", NOUN, "admin_units", "unit", "admin.villages", level="village"),
    # public bodies
    _t("đơn vị sự nghiệp công lập", NOUN, "public_bodies", "unit", "public.service_units"),
    _t("đơn vị sự nghiệp", NOUN, "public_bodies", "unit", "public.service_units"),
    *(_t(p, NOUN, "public_bodies", "unit", "public.service_units") for p in ("đvsncl", "đơn vị sncl", "đvsn")),
    _t("đơn vị cấp tỉnh", NOUN, "public_bodies", "unit", "public.units_reduced", level="province"),
    _t("đầu mối", NOUN, "public_bodies", "unit", "public.internal_units_reduced"),
    _t("cơ quan chuyên môn", NOUN, "public_bodies", "unit", "public.agencies"),
    _t("sở, cơ quan", NOUN, "public_bodies", "unit", "public.agencies", level="province"),
    _t("cơ quan", NOUN, "public_bodies", "unit", "public.agencies"),
    _t("chi cục", NOUN, "public_bodies", "unit", "public.internal_units", type="chi cục"),
    _t("phòng chuyên môn", NOUN, "public_bodies", "unit", "public.internal_units", type="phòng chuyên môn"),
    *(_t(p, BODY_KIND, "public_bodies", "unit", "public.service_units", type=p) for p in (
        "trung tâm", "ban quản lý dự án", "ban quản lý", "trường cao đẳng", "trường trung cấp")),
    _t("tổ chức", WEAK, None, "organization"),
    _t("đơn vị", WEAK, None, "unit"),
    # cadres
    _t("cấp ủy viên", NOUN, "cadres", "person", "cadres.committee_members"),
    *(_t(p, NOUN, "cadres", "person", "cadres.committee_members")
      for p in ("huyện ủy viên", "đảng ủy viên", "chi ủy viên", "ủy viên", "tỉnh ủy viên")),
    _t("bí thư", NOUN, "cadres", "person", "cadres.concurrent_posts"),
    _t("đồng chí bí thư", NOUN, "cadres", "person", "cadres.concurrent_posts"),
    _t("cán bộ", WEAK, None, "person"),
    _t("lượt", WEAK, None, "times"),
    _t("trưởng thôn", ROLE, "cadres", "person", None, position="trưởng thôn, tổ dân phố"),
    _t("thủ trưởng", ROLE, "cadres", "person", None, position="thủ trưởng"),
    _t("chủ doanh nghiệp", ROLE, "cadres", "person", None, position="chủ doanh nghiệp"),
    _t("trưởng ban công tác mặt trận", ROLE, "cadres", "person", None, position="trưởng ban công tác mặt trận"),
    _t("kiêm", PREDICATE, "cadres", "person", "cadres.concurrent_posts"),
    _t("đồng thời", PREDICATE, "cadres", "person", "cadres.concurrent_posts"),
    _t("đào tạo", SOFT_ACTIVITY, "cadres", "times", "cadres.trained"),
    _t("bồi dưỡng", SOFT_ACTIVITY, "cadres", "times", "cadres.trained"),
    _t("luân chuyển", SOFT_ACTIVITY, "cadres", "times", "cadres.appointed"),
    _t("bổ nhiệm", SOFT_ACTIVITY, "cadres", "times", "cadres.appointed"),
    _t("điều động", SOFT_ACTIVITY, "cadres", "times", "cadres.appointed"),
    _t("quy hoạch", SOFT_ACTIVITY, "cadres", "person", "cadres.planning"),
    _t("xếp loại cán bộ", SOFT_ACTIVITY, "cadres", "times", "cadres.evaluated"),
    _t("thẩm định tiêu chuẩn chính trị", SOFT_ACTIVITY, "cadres", "times", None),
    _t("đồng thời là", ACTIVITY, "cadres", "person", "cadres.concurrent_posts"),
    _t("phân công", ACTIVITY, "cadres", "person", "cadres.concurrent_posts"),
    # attendance at a class or meeting ("số lượng tham gia: 302/313 người được triệu tập") counts
    # participants, not members or staff
    *(_t(p, SOFT_ACTIVITY, "other", "person", "other.count") for p in ("tham gia", "tham dự", "được triệu tập")),
    # discipline: these acts decide the family whatever is counted
    _t("kiểm tra", ACTIVITY, "discipline", "case", "discipline.inspected"),
    _t("giám sát", ACTIVITY, "discipline", "case", "discipline.supervised"),
    _t("kỷ luật", ACTIVITY, "discipline", "case", "discipline.disciplined"),
    _t("khiển trách", ACTIVITY, "discipline", "case", "discipline.disciplined", penalty="khiển trách"),
    _t("cảnh cáo", ACTIVITY, "discipline", "case", "discipline.disciplined", penalty="cảnh cáo"),
    _t("cách chức", ACTIVITY, "discipline", "case", "discipline.disciplined", penalty="cách chức"),
    _t("khai trừ", ACTIVITY, "discipline", "case", "discipline.disciplined", penalty="khai trừ"),
    _t("vi phạm", ACTIVITY, "discipline", "case", "discipline.violations"),
    _t("thanh tra", ACTIVITY, "discipline", "case", "discipline.state_inspections"),
    _t("kiểm điểm", ACTIVITY, "discipline", "case", "discipline.reviews"),
    _t("truy tố", ACTIVITY, "discipline", "case", "discipline.corruption_cases"),
    _t("xét xử", ACTIVITY, "discipline", "case", "discipline.corruption_cases"),
    _t("tham nhũng", ACTIVITY, "discipline", "case", "discipline.corruption_cases"),
    # elections
    _t("bầu cử", ACTIVITY, "elections", "person", "elections.deputies_elected"),
    _t("bầu được", ACTIVITY, "elections", "person", "elections.deputies_elected"),
    _t("đại biểu", ACTIVITY, "elections", "person", "elections.deputies_elected"),
    # "đã bầu được 75 đại biểu": the deputies are what is counted, not only a word of the act
    _t("đại biểu", NOUN, "elections", "person", "elections.deputies_elected"),
    _t("cử tri", ACTIVITY, "elections", "percent", "elections.turnout"),
    _t("ứng cử", ACTIVITY, "elections", "person", "elections.candidates"),
    # administrative reform
    _t("thủ tục hành chính", ACTIVITY, "admin_reform", "other", "admin_reform.procedures"),
    _t("tthc", ACTIVITY, "admin_reform", "other", "admin_reform.procedures"),
    _t("cchc", ACTIVITY, "admin_reform", "other", "admin_reform.par_index"),
    _t("cải cách hành chính", ACTIVITY, "admin_reform", "other", "admin_reform.par_index"),
    _t("sipas", ACTIVITY, "admin_reform", "percent", "admin_reform.satisfaction"),
    _t("hài lòng", ACTIVITY, "admin_reform", "percent", "admin_reform.satisfaction"),
    _t("dịch vụ công", ACTIVITY, "admin_reform", "other", "admin_reform.procedures"),
    # other: things counted that no core family owns (kept so their numbers are not misread)
    *(_t(p, NOUN, "other", "other", "other.count") for p in (
        "lớp", "bài", "tin, bài", "ý kiến", "văn bản", "nội dung", "chuyên đề", "điểm cầu", "cuộc",
        "diễn đàn", "tờ", "báo", "chỉ tiêu", "lượt người", "người có uy tín", "thành viên",
        "vụ việc", "vụ án", "bị can", "bị cáo", "đối tượng", "tập thể", "cá nhân", "đoàn", "công văn",
        "triệu", "tỷ", "nghìn", "km", "m", "usd", "bậc", "lần", "thí điểm", "ha", "héc-ta", "hécta",
        "xã hội")),  # "xã hội" (society) is not a commune
    # measures of the place or its economy: a number they are the subject of ("dân số 1.063.487 người",
    # "tỷ lệ hộ nghèo giảm 2,97%") is not a member, staff or unit count of the paragraph's topic
    *(_t(p, TOPIC, "other", "other", "other.count") for p in (
        "dân số", "diện tích", "tăng trưởng", "hộ nghèo", "thu nhập", "tổng sản phẩm", "grdp", "vốn đầu tư")),
    # words that make a number a change over a period, or a goal
    *(_t(p, FLOW) for p in (
        "giảm", "tăng", "kết nạp", "tinh giản", "sắp xếp", "sáp nhập", "thành lập", "giải thể", "chuyển giao",
        "xóa tên", "ra khỏi đảng", "công nhận", "bồi dưỡng", "đào tạo", "kiểm tra", "giám sát", "kỷ luật")),
    # "vượt tỷ lệ giảm 10% theo Nghị quyết": what a result exceeds is the norm it was set
    *(_t(p, TARGET) for p in ("chỉ tiêu", "mục tiêu", "phấn đấu", "kế hoạch đề ra", "vượt tỷ lệ", "vượt mức")),
    *(_t(p, PLAN) for p in ("dự kiến", "sẽ")),
)


# The count a reduction is taken from, where the catalogue does not name it "<reduction without _reduced>":
# "giảm 1.317/23.551 biên chế được phân bổ" takes 1.317 posts from the 23.551 allocated
REDUCTION_BASE = {"staff.reduced": "staff.payroll_assigned"}


def count_before_reduction(code: str | None) -> str | None:
    """The stock indicator a reduction of `code` is taken from ("admin.villages_reduced" -> "admin.villages"),
    `code` itself when it is already a stock, else None: a reduction's code never counts what it reduces."""
    catalogue = catalogue_by_code()
    if catalogue.get(code or "", {}).get("kind") != "flow":
        return code
    base = REDUCTION_BASE.get(code) or code.removesuffix("_reduced")
    return base if catalogue.get(base, {}).get("kind") == "stock" else None


@lru_cache(maxsize=None)
def terms_with_role(role: str) -> tuple[Term, ...]:
    """Phrases of one role, longest first so that the most specific phrase wins."""
    return tuple(sorted((t for t in LEXICON if t.role == role), key=lambda t: -len(t.phrase)))
