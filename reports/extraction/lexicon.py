"""The vocabulary of the genre: every word the narrative extractor knows, with the role it plays.

One table, `LEXICON`, reviewed in one place. A phrase's role says how it takes part in a number's
meaning:
- NOUN: written right after a number, says what is counted and decides the family ("đảng viên").
- WEAK: counted but family-neutral ("người", "trường hợp", "đơn vị"): the context decides.
- ROLE: a post holder ("trưởng thôn"); the PREDICATE after it decides ("là đảng viên").
- CHANGE: a verb that changes a count ("kết nạp", "giảm", "sáp nhập"); `change` is its direction.
- HOLD: a verb that states a count held ("có", "là", "còn"): the number is a stock.
- ACT: an act of a family of its own that governs what it counts ("kiểm tra 37 tổ chức đảng" is
  discipline); SOFT_ACT only when the noun is weak ("đào tạo 120 lượt cán bộ" is cadres).
- SUBJECT: what a clause is about, for a number with a weak noun or none ("tổng số đảng viên là").
- MEASURE: a measure of the place or its economy ("dân số", "diện tích"): its numbers are "other".
- NAME: the name of a body, so that its words are not read ("Ủy ban kiểm tra" does not inspect).
- BODY_KIND: a kind of public body ("trung tâm") that counts bodies only where they are reorganised.
- VERB: a verb that changes no count ("chỉ đạo", "triển khai"): a change before it does not reach past it.
- TARGET, PLAN: a goal or a plan, not an achievement. LIST: opens a list of parts ("trong đó").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .phrases import PhraseIndex

NOUN, WEAK, ROLE, PREDICATE = "noun", "weak", "role", "predicate"
CHANGE, HOLD, ACT, SOFT_ACT = "change", "hold", "act", "soft_act"
SUBJECT, MEASURE, NAME, BODY_KIND = "subject", "measure", "name", "body_kind"
TARGET, PLAN, LIST, SHARE = "target", "plan", "list", "share"
VERB = "verb"  # a verb that changes no count: it ends the reach of a change before it ("chỉ đạo 22 huyện")

# Directions of a change (CHANGE terms); the catalogue's flow indicators name theirs ("direction").
ADD, REMOVE, REARRANGE, CONFIRM, TRANSFER, LEVEL = "add", "remove", "rearrange", "confirm", "transfer", "level"
TRAIN = "train"  # not a change of the count: the people of it who were trained


@dataclass(frozen=True)
class Term:
    phrase: str
    role: str
    family: str | None = None
    unit: str = "other"
    code: str | None = None
    change: str | None = None  # CHANGE: ADD, REMOVE, REARRANGE, CONFIRM, TRANSFER, LEVEL
    breakdown: tuple[tuple[str, str], ...] = ()


def _t(phrase, role, family=None, unit="other", code=None, change=None, **breakdown):
    return Term(phrase, role, family, unit, code, change, tuple(breakdown.items()))


def _each(phrases, role, family=None, unit="other", code=None, change=None, **breakdown):
    return tuple(_t(p, role, family, unit, code, change, **breakdown) for p in phrases)


PM, PO, ST, AU, PB = "party_members", "party_organizations", "staff", "admin_units", "public_bodies"
MEMBERS = "party.members.total"

LEXICON: tuple[Term, ...] = (
    # --- party members -------------------------------------------------------------------------
    *_each(("đảng viên", "đv", "đảng viên chính thức"), NOUN, PM, "party_member", MEMBERS),
    *_each(("đảng viên mới", "đv mới"), NOUN, PM, "party_member", "party.members.admitted"),
    *_each(("đảng viên nữ", "đv nữ", "nữ đảng viên"), NOUN, PM, "party_member", MEMBERS, sex="nữ"),
    *_each(("đảng viên dự bị", "đv dự bị"), NOUN, PM, "party_member", MEMBERS, status="dự bị"),
    *_each(("đảng viên là người dân tộc thiểu số", "đảng viên người dân tộc thiểu số", "đảng viên dân tộc thiểu số"),
           NOUN, PM, "party_member", MEMBERS, ethnicity="dân tộc thiểu số"),
    _t("đảng viên trẻ", NOUN, PM, "party_member", MEMBERS, age="trẻ"),
    _t("đảng viên có đạo", NOUN, PM, "party_member", MEMBERS, religion="có đạo"),
    *_each(("tổng số đảng viên", "tổng số đv", "số đảng viên", "số lượng đảng viên"), SUBJECT, PM, "party_member",
           MEMBERS),
    _t("kết nạp", CHANGE, PM, "party_member", "party.members.admitted", ADD),
    _t("phát triển đảng viên", CHANGE, PM, "party_member", "party.members.admitted", ADD),
    _t("kết nạp đảng viên", CHANGE, PM, "party_member", "party.members.admitted", ADD),
    *_each(("công nhận đảng viên chính thức", "công nhận chính thức", "chuyển đảng chính thức"), CHANGE, PM,
           "party_member", "party.members.confirmed", CONFIRM),
    *_each(("xóa tên", "xoá tên"), CHANGE, PM, "party_member", "party.members.removed", REMOVE, reason="xóa tên"),
    *_each(("cho ra khỏi đảng", "đưa ra khỏi đảng", "ra khỏi đảng", "cho thôi sinh hoạt đảng"), CHANGE, PM,
           "party_member", "party.members.removed", REMOVE, reason="ra khỏi Đảng"),
    *_each(("từ trần", "qua đời", "từ trần, chuyển đi"), CHANGE, PM, "party_member", "party.members.deceased", REMOVE),
    *_each(("chuyển sinh hoạt đảng", "chuyển sinh hoạt"), CHANGE, PM, "party_member", "party.members.transferred",
           TRANSFER),
    *_each(("quần chúng ưu tú", "quần chúng ưu tú được bồi dưỡng", "đối tượng kết nạp đảng", "đối tượng đảng"),
           NOUN, PM, "person", None),
    _t("quần chúng", NOUN, "other", "person"),
    *_each(("huy hiệu đảng", "huy hiệu", "trao huy hiệu", "tặng huy hiệu"), SUBJECT, PM, "party_member", None),
    # --- party organisations -------------------------------------------------------------------
    *_each(("tổ chức cơ sở đảng", "tccsđ", "tổ chức cơ sở đảng trực thuộc", "cơ sở đảng"), NOUN, PO, "organization",
           "party.orgs.grassroots"),
    *_each(("tổ chức đảng trực thuộc", "tổ chức đảng trực thuộc đảng ủy cơ sở", "tổ chức đảng trực thuộc đảng bộ cơ sở"),
           NOUN, PO, "organization", "party.orgs.under_grassroots"),
    *_each(("tổ chức đảng", "chi, đảng bộ", "chi bộ, đảng bộ", "đảng bộ, chi bộ", "chi, đảng bộ cơ sở",
            "chi bộ và đảng bộ"), NOUN, PO, "organization", "party.orgs.total"),
    *_each(("đảng bộ cơ sở", "đảng ủy cơ sở", "đảng bộ xã", "đảng bộ phường", "đảng bộ xã, phường", "đảng bộ xã, thị trấn",
            "đảng bộ xã, phường, thị trấn", "đảng bộ cơ quan", "đảng bộ doanh nghiệp"), NOUN, PO, "organization",
           "party.orgs.grassroots_committees"),
    _t("đảng bộ bộ phận", NOUN, PO, "organization", "party.orgs.under_grassroots", type="đảng bộ bộ phận"),
    *_each(("đảng bộ trực thuộc", "đảng bộ trực thuộc tỉnh ủy", "đảng bộ cấp trên trực tiếp cơ sở", "đảng bộ huyện",
            "đảng bộ thị xã", "đảng bộ thành phố", "đảng bộ tương đương", "đảng bộ tương đương cấp huyện",
            "đảng bộ huyện, thị xã, thành phố", "huyện, thị, thành ủy", "đảng ủy trực thuộc", "huyện ủy, thị ủy, thành ủy",
            "huyện ủy, thành ủy, thị ủy", "huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc"), NOUN, PO,
           "organization", "party.orgs.direct_subordinate"),
    _t("đảng bộ", NOUN, PO, "organization", "party.orgs.total"),
    *_each(("chi bộ cơ sở", "chi bộ cơ sở trực thuộc"), NOUN, PO, "organization", "party.orgs.grassroots_cells"),
    *_each(("chi bộ trực thuộc", "chi bộ trực thuộc đảng ủy cơ sở", "chi bộ trực thuộc đảng bộ cơ sở", "chi bộ",
            "chi bộ thôn", "chi bộ thôn, tổ dân phố", "chi bộ ấp", "chi bộ khu phố", "chi bộ xóm", "chi bộ xóm, tổ dân phố",
            "chi bộ tổ dân phố", "chi bộ bản", "chi bộ thôn, bản", "chi bộ khối", "chi bộ khu dân cư"), NOUN, PO, "organization",
           "party.orgs.cells_under_grassroots"),
    *_each(("tổ đảng",), NOUN, PO, "organization", "party.orgs.party_groups"),
    *_each(("tập thể ban thường vụ", "tập thể cấp ủy"), NOUN, PO, "organization", "party.orgs.share"),
    # places that hold a party body: "412/430 thôn có chi bộ", "100% thôn có đảng viên"
    *_each(("có chi bộ", "có tổ chức đảng", "có cấp ủy"), PREDICATE, PO, "unit", None),
    *_each(("chưa có chi bộ", "chưa có tổ chức đảng"), PREDICATE, PO, "unit", None),
    *_each(("có đảng viên", "chưa có đảng viên"), PREDICATE, PM, "unit", None),
    # public service units by their financial autonomy (Nghị định 60/2021): how much of their spending they cover
    *_each(("đơn vị tự bảo đảm chi thường xuyên và chi đầu tư", "đơn vị sự nghiệp tự bảo đảm chi thường xuyên và chi đầu tư"),
           NOUN, PB, "unit", "public.service_units", autonomy="chi thường xuyên và chi đầu tư"),
    *_each(("đơn vị tự bảo đảm chi thường xuyên", "đơn vị sự nghiệp tự bảo đảm chi thường xuyên"), NOUN, PB, "unit",
           "public.service_units", autonomy="chi thường xuyên"),
    *_each(("đơn vị tự bảo đảm một phần chi thường xuyên", "đơn vị tự bảo đảm một phần"), NOUN, PB, "unit",
           "public.service_units", autonomy="một phần chi thường xuyên"),
    *_each(("đơn vị do ngân sách nhà nước bảo đảm chi thường xuyên", "đơn vị do ngân sách nhà nước bảo đảm",
            "đơn vị do nhà nước bảo đảm chi thường xuyên"), NOUN, PB, "unit", "public.service_units",
           autonomy="ngân sách nhà nước bảo đảm"),
    *_each(("đơn vị tự chủ", "đơn vị tự chủ tài chính", "đơn vị sự nghiệp tự chủ", "đơn vị tự chủ từ một phần trở lên",
            "đơn vị sự nghiệp công lập tự chủ"), NOUN, PB, "unit", "public.service_units", autonomy="tự chủ"),
    # --- staff ---------------------------------------------------------------------------------
    _t("biên chế", NOUN, ST, "person", "staff.payroll_assigned"),
    *_each(("biên chế được giao", "biên chế giao", "chỉ tiêu biên chế"), NOUN, ST, "person", "staff.payroll_assigned"),
    *_each(("biên chế có mặt", "biên chế thực tế", "biên chế hiện có"), NOUN, ST, "person", "staff.payroll_actual"),
    # in post, not the payroll allocated: "Công chức có mặt", "số viên chức hiện có"
    *_each(("công chức có mặt", "công chức hiện có"), NOUN, ST, "person", "staff.payroll_actual", category="công chức"),
    *_each(("viên chức có mặt", "viên chức hiện có", "viên chức, người làm việc có mặt"), NOUN, ST, "person",
           "staff.payroll_actual", category="viên chức"),
    *_each(("tinh giản", "tinh giản biên chế", "tinh giảm", "tinh giảm biên chế", "giảm biên chế", "cắt giảm biên chế"),
           CHANGE, ST, "person", "staff.reduced", REMOVE),
    *_each(("nghỉ hưu trước tuổi", "nghỉ hưu trước tuổi theo", "về hưu trước tuổi"), CHANGE, ST, "person",
           "staff.reduced", REMOVE, reason="nghỉ hưu trước tuổi"),
    *_each(("thôi việc", "thôi việc ngay", "nghỉ thôi việc", "nghỉ việc"), CHANGE, ST, "person", "staff.reduced",
           REMOVE, reason="thôi việc"),
    # the third form of tinh giản (Decree 108/2014): leaving for a body the state budget does not pay
    *_each(("chuyển sang làm việc tại các tổ chức không hưởng lương thường xuyên từ ngân sách nhà nước",
            "chuyển sang làm việc tại tổ chức không hưởng lương thường xuyên từ ngân sách nhà nước",
            "chuyển sang làm việc tại các tổ chức không hưởng lương thường xuyên từ ngân sách",
            "chuyển sang tổ chức không hưởng lương thường xuyên từ ngân sách nhà nước",
            "chuyển sang các tổ chức không hưởng lương từ ngân sách nhà nước"), CHANGE, ST, "person", "staff.reduced",
           REMOVE, reason="chuyển sang tổ chức không hưởng lương ngân sách"),
    *_each(("cán bộ, công chức, viên chức", "cbccvc", "cán bộ, công chức, viên chức, người lao động",
            "công chức, viên chức", "cán bộ, công chức", "cbcc", "cán bộ công chức", "cán bộ, công chức cấp xã",
            "người lao động", "người làm việc", "người làm việc hưởng lương từ ngân sách nhà nước",
            "hưởng lương từ ngân sách nhà nước", "hưởng lương từ ngân sách",
            "người làm việc hưởng lương từ ngân sách", "người hưởng lương từ ngân sách", "lao động hợp đồng"),
           NOUN, ST, "person", "staff.headcount"),
    *_each(("số lượng biên chế", "tổng biên chế", "tổng số biên chế"), SUBJECT, ST, "person", "staff.payroll_assigned"),
    # the people a public service unit may employ (số lượng người làm việc), as against civil servants' payroll
    *_each(("số lượng người làm việc", "số người làm việc", "số lượng người làm việc hưởng lương từ ngân sách nhà nước",
            "số lượng người làm việc hưởng lương"), SUBJECT, ST, "person", "staff.payroll_assigned",
           category="người làm việc"),
    _t("biên chế công chức", NOUN, ST, "person", "staff.payroll_assigned", category="công chức"),
    *_each(("người làm việc được giao", "người làm việc được phê duyệt", "biên chế sự nghiệp"), NOUN, ST, "person",
           "staff.payroll_assigned", category="người làm việc"),
    _t("công chức", NOUN, ST, "person", "staff.headcount", category="công chức"),
    _t("viên chức", NOUN, ST, "person", "staff.headcount", category="viên chức"),
    *_each(("lãnh đạo cấp phó", "cấp phó", "phó trưởng phòng", "phó giám đốc", "phó chi cục trưởng", "cấp phó lãnh đạo"),
           NOUN, ST, "person", "staff.deputies"),
    *_each(("lãnh đạo cấp trưởng", "cấp trưởng", "trưởng phòng", "chi cục trưởng", "người đứng đầu",
            "giám đốc sở"), NOUN, ST, "person", "staff.heads"),
    # people a rearrangement left over ("các xã dôi dư 412 cán bộ", "còn 85 người dôi dư"): neither in post nor cut
    _t("dôi dư", ACT, ST, "person", "staff.surplus"),
    *_each(("người dôi dư", "cán bộ dôi dư", "cán bộ, công chức dôi dư", "cán bộ, công chức cấp xã dôi dư",
            "công chức dôi dư", "viên chức dôi dư", "giáo viên dôi dư", "số người dôi dư", "số cán bộ, công chức dôi dư"),
           NOUN, ST, "person", "staff.surplus"),
    # retiring at the normal age is leaving the payroll, not a reduction of it (tinh giản)
    *_each(("nghỉ hưu đúng tuổi", "nghỉ hưu đúng độ tuổi", "nghỉ hưu theo quy định", "nghỉ hưu theo chế độ"), CHANGE, ST,
           "person", "staff.retired", REMOVE),
    *_each(("giải quyết chế độ", "giải quyết chính sách", "giải quyết chế độ, chính sách", "nghỉ hưu", "nghỉ chế độ",
            "nghỉ theo nguyện vọng"), CHANGE, ST, "person", "staff.reduced", REMOVE),
    *_each(("người hoạt động không chuyên trách", "người hoạt động không chuyên trách cấp xã",
            "người hoạt động không chuyên trách ở thôn, tổ dân phố", "người hoạt động không chuyên trách ở cấp xã"),
           NOUN, ST, "person", "staff.part_time"),
    *_each(("trường hợp", "người", "đồng chí", "cán bộ", "lao động", "hồ sơ", "suất"), WEAK, None, "person"),
    # --- administrative units ------------------------------------------------------------------
    *_each(("đơn vị hành chính cấp tỉnh", "tỉnh, thành phố", "tỉnh, thành phố trực thuộc trung ương", "tỉnh, thành"),
           NOUN, AU, "unit", "admin.province_units"),
    *_each(("đơn vị hành chính cấp huyện", "đvhc cấp huyện", "đơn vị cấp huyện", "đơn vị huyện",
            "huyện, thị xã, thành phố", "huyện, thành phố", "huyện, thị xã", "huyện, thị, thành phố", "quận, huyện",
            "huyện, thành, thị"), NOUN, AU, "unit", "admin.district_units"),
    *_each(("đơn vị hành chính cấp xã", "đvhc cấp xã", "đơn vị cấp xã", "đơn vị hành chính xã",
            "xã, phường, thị trấn", "xã, thị trấn", "xã, phường", "phường, xã", "xã, phường, đặc khu",
            "xã, phường, thị trấn, đặc khu"), NOUN, AU, "unit", "admin.commune_units"),
    *_each(("đơn vị hành chính", "đvhc"), NOUN, AU, "unit", "admin.commune_units"),
    # the former units a new commune was formed from ("Số ĐVHC cấp xã cũ", "sắp xếp từ 03 xã cũ")
    *_each(("đơn vị hành chính cấp xã cũ", "đvhc cấp xã cũ", "đơn vị hành chính cũ", "đvhc cũ", "xã cũ",
            "đơn vị hành chính cấp xã trước sắp xếp"), NOUN, AU, "unit", "admin.commune_units_rearranged"),
    _t("xã", NOUN, AU, "unit", "admin.commune_units", type="xã"),
    _t("phường", NOUN, AU, "unit", "admin.commune_units", type="phường"),
    _t("thị trấn", NOUN, AU, "unit", "admin.commune_units", type="thị trấn"),
    _t("đặc khu", NOUN, AU, "unit", "admin.commune_units", type="đặc khu"),
    _t("huyện", NOUN, AU, "unit", "admin.district_units", type="huyện"),
    _t("huyện đảo", NOUN, AU, "unit", "admin.district_units", type="huyện đảo"),
    _t("quận", NOUN, AU, "unit", "admin.district_units", type="quận"),
    _t("thị xã", NOUN, AU, "unit", "admin.district_units", type="thị xã"),
    *_each(("thành phố", "thành phố thuộc tỉnh"), NOUN, AU, "unit", "admin.district_units",
           type="thành phố"),
    *_each(("thôn, tổ dân phố", "thôn, bản, tổ dân phố", "thôn, xóm, tổ dân phố", "ấp, khu phố", "thôn, làng, tổ dân phố",
            "thôn, làng, khối phố", "thôn, khối phố", "thôn, bản", "thôn, làng", "thôn, xóm", "thôn", "tổ dân phố", "ấp",
            "khu phố", "xóm", "bản", "làng", "buôn", "khóm", "khối phố", "tổ dân cư", "thôn, buôn", "khu dân cư",
            "bon", "plei"),  # (the villages of the Central Highlands: "thôn, bon, tổ dân phố", "plei")
           NOUN, AU, "unit", "admin.villages"),
    # --- public bodies -------------------------------------------------------------------------
    *_each(("đơn vị sự nghiệp công lập", "đơn vị sự nghiệp", "đvsncl", "đơn vị sncl", "đvsn", "đơn vị sự nghiệp công"),
           NOUN, PB, "unit", "public.service_units"),
    *_each(("sở, ban, ngành", "sở, ngành", "sở, cơ quan ngang sở", "sở, cơ quan", "cơ quan chuyên môn", "sở",
            "cơ quan chuyên môn thuộc ubnd tỉnh", "cơ quan hành chính", "cơ quan, đơn vị", "cơ quan", "ban, ngành",
            "cơ quan tham mưu, giúp việc", "cơ quan tham mưu"), NOUN, PB, "unit", "public.agencies"),
    *_each(("phòng chuyên môn", "phòng", "chi cục", "phòng, ban", "phòng và tương đương", "phòng, ban, chi cục",
            "tổ chức hành chính", "ban", "ban chỉ đạo", "tổ chức thuộc sở", "tổ chức bên trong",
            "phòng, ban chuyên môn", "văn phòng"), NOUN, PB, "unit", "public.internal_units"),
    *_each(("đầu mối", "đầu mối bên trong", "đầu mối trực thuộc"), NOUN, PB, "unit", "public.focal_points"),
    *_each(("tổ chức bộ máy", "bộ máy", "tổ chức, bộ máy"), NOUN, PB, "unit", None),
    # kinds of service unit: each a breakdown of the service units ("208 trạm y tế": type=trạm y tế)
    *(_t(kind, NOUN, PB, "unit", "public.service_units", type=kind) for kind in (
        "trạm y tế", "trường học", "trường", "bệnh viện", "trường mầm non", "trường tiểu học",
        "trường trung học cơ sở", "trường thcs", "trường liên cấp",
        # the one-stop office every commune of the two-level government has (since 2025-07-01)
        "trung tâm phục vụ hành chính công")),
    *_each(("điểm trường", "điểm trường lẻ", "điểm trạm", "điểm lẻ"), NOUN, PB, "unit", None),
    # a kind of body is a breakdown of the service units ("sáp nhập 4 trung tâm": type=trung tâm)
    *(_t(kind, BODY_KIND, PB, "unit", "public.service_units", type=kind) for kind in (
        "trung tâm", "ban quản lý dự án", "ban quản lý", "trường cao đẳng", "trường trung cấp", "trung tâm y tế",
        "nhà văn hóa")),
    *_each(("tổ chức", "đơn vị", "cơ sở", "địa phương", "nơi"), WEAK, None, "unit"),
    # --- cadres --------------------------------------------------------------------------------
    *_each(("cấp ủy viên", "huyện ủy viên", "tỉnh ủy viên", "đảng ủy viên", "chi ủy viên", "ủy viên ban chấp hành",
            "ủy viên ban thường vụ", "ủy viên"), NOUN, "cadres", "person", "cadres.committee_members"),
    # a post alone: its holders, not holders of two posts at once (the predicate "đồng thời là" says that)
    *_each(("bí thư", "bí thư chi bộ", "bí thư cấp ủy", "đồng chí bí thư", "phó bí thư"), ROLE, "cadres", "person"),
    *_each(("trưởng thôn", "trưởng thôn, tổ dân phố", "trưởng thôn, tổ trưởng tổ dân phố", "tổ trưởng tổ dân phố",
            "trưởng ấp", "trưởng ấp, khu phố", "trưởng bản", "trưởng ban công tác mặt trận", "thủ trưởng",
            "trưởng khu phố", "trưởng thôn, tổ trưởng", "phó thôn", "phó thôn, tổ phó tổ dân phố", "tổ phó tổ dân phố"),
           ROLE, ST, "person", None, position="trưởng thôn, tổ dân phố"),
    *_each(("là đảng viên", "là đv"), PREDICATE, PM, "party_member", "party.members.village_heads"),
    *_each(("kiêm", "đồng thời là", "đồng thời làm", "kiêm nhiệm", "làm bí thư", "làm phó bí thư", "kiêm trưởng"),
           PREDICATE, "cadres", "person", "cadres.concurrent_posts"),
    *_each(("đồng thời là", "phân công"), ACT, "cadres", "person", "cadres.concurrent_posts"),
    *_each(("đào tạo", "bồi dưỡng", "tập huấn", "cập nhật kiến thức", "bồi dưỡng cập nhật kiến thức"), SOFT_ACT,
           "cadres", "times", "cadres.trained", TRAIN),
    *_each(("luân chuyển", "bổ nhiệm", "điều động", "bổ nhiệm lại", "giới thiệu ứng cử"), SOFT_ACT, "cadres", "times",
           "cadres.appointed"),
    _t("quy hoạch", SOFT_ACT, "cadres", "person", "cadres.planning"),
    *_each(("bố trí chức danh", "bổ trí chức danh", "chức danh lãnh đạo"), SOFT_ACT, "cadres", "times",
           "cadres.appointed"),
    # leaving a post is not being appointed to one: no catalogue series (the report's own, by its words)
    *_each(("miễn nhiệm", "từ chức", "cho thôi giữ chức", "xin thôi giữ chức vụ"), SOFT_ACT, "cadres", "times"),
    *_each(("xếp loại cán bộ", "đánh giá cán bộ", "thẩm định tiêu chuẩn chính trị"), SOFT_ACT, "cadres", "times",
           "cadres.evaluated"),
    *_each(("tham gia", "tham dự", "được triệu tập", "dự học"), SOFT_ACT, "other", "person"),
    # --- discipline ----------------------------------------------------------------------------
    _t("kiểm tra", ACT, "discipline", "case", "discipline.inspected"),
    _t("giám sát", ACT, "discipline", "case", "discipline.supervised"),
    *_each(("kỷ luật", "thi hành kỷ luật", "xử lý kỷ luật"), ACT, "discipline", "case", "discipline.disciplined"),
    *(_t(p, ACT, "discipline", "case", "discipline.disciplined", penalty=p)
      for p in ("khiển trách", "cảnh cáo", "cách chức")),
    # an expulsion is a penalty, and a removal from the rolls where the members removed are listed
    _t("khai trừ", ACT, "discipline", "case", "discipline.disciplined", REMOVE, penalty="khai trừ"),
    *_each(("vi phạm", "có dấu hiệu vi phạm"), ACT, "discipline", "case", "discipline.violations"),
    *_each(("thanh tra", "cuộc thanh tra"), ACT, "discipline", "case", "discipline.state_inspections"),
    *_each(("kiểm điểm", "gợi ý kiểm điểm"), ACT, "discipline", "case", "discipline.reviews"),
    *_each(("truy tố", "xét xử", "tham nhũng", "khởi tố"), ACT, "discipline", "case", "discipline.corruption_cases"),
    *_each(("ủy ban kiểm tra", "ubkt", "đoàn kiểm tra", "tổ kiểm tra", "thanh tra tỉnh", "ban tổ chức", "ban tuyên giáo",
            "ban dân vận", "ban nội chính", "ban chấp hành", "ban thường vụ", "ủy ban nhân dân", "hội đồng nhân dân",
            "ban cán sự đảng", "ban đảng", "văn phòng tỉnh ủy", "trung tâm chính trị", "ban quản lý các khu công nghiệp"),
           NAME),
    # who manages a cadre: "Diện BTV Tỉnh ủy quản lý" names no party committee counted
    *_each(("diện ban thường vụ", "diện btv", "btv tỉnh ủy", "btv huyện ủy", "ban thường vụ tỉnh ủy",
            "ban thường vụ huyện ủy", "diện bộ chính trị", "ban bí thư", "bộ chính trị", "diện ban bí thư",
            "ban thường vụ cấp ủy", "tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "tỉnh ủy, huyện ủy",
            "huyện ủy, thành ủy", "đảng ủy xã", "cấp ủy", "cấp ủy cấp huyện"), NAME),
    # levels of government: "cán bộ cấp xã" counts no commune
    *_each(("cấp tỉnh", "cấp huyện", "cấp xã", "cấp cơ sở", "cấp trung ương", "cấp thôn", "cấp huyện cũ",
            "cấp trên cơ sở", "cấp xã mới"), NAME),
    # sectors whose names hold a unit's word: "Nông nghiệp và phát triển nông thôn" counts no village
    *_each(("nông thôn", "phát triển nông thôn", "nông nghiệp và phát triển nông thôn", "nông nghiệp và ptnt"), NAME),
    # prepositions whose last word would otherwise read as a verb ("với" in "đối với" holds nothing)
    *_each(("đối với", "so với", "cùng với", "gắn với", "đi đôi với", "với sự", "tương ứng với"), NAME),
    # --- elections -----------------------------------------------------------------------------
    *_each(("bầu cử", "bầu được", "trúng cử"), ACT, "elections", "person", "elections.deputies_elected"),
    _t("đại biểu", NOUN, "elections", "person", "elections.deputies_elected"),
    _t("cử tri", ACT, "elections", "percent", "elections.turnout"),
    *_each(("ứng cử", "ứng cử viên", "người ứng cử"), ACT, "elections", "person", "elections.candidates"),
    # --- administrative reform -----------------------------------------------------------------
    *_each(("thủ tục hành chính", "tthc", "dịch vụ công", "hồ sơ thủ tục"), ACT, "admin_reform", "other",
           "admin_reform.procedures"),
    *_each(("cchc", "cải cách hành chính", "par index", "chỉ số cải cách hành chính"), ACT, "admin_reform", "other",
           "admin_reform.par_index"),
    *_each(("sipas", "hài lòng", "mức độ hài lòng"), ACT, "admin_reform", "percent", "admin_reform.satisfaction"),
    # --- other: things counted that no core family owns (their numbers are not misread) ---------
    *_each(("lớp", "bài", "tin, bài", "ý kiến", "văn bản", "nội dung", "chuyên đề", "điểm cầu", "cuộc", "hội nghị",
            "diễn đàn", "tờ", "báo", "chỉ tiêu", "lượt người", "người có uy tín", "thành viên", "vụ việc", "vụ án",
            "bị can", "bị cáo", "đối tượng", "tập thể", "cá nhân", "đoàn", "công văn", "km", "m", "usd", "bậc", "lần",
            "thí điểm", "ha", "héc-ta", "hécta", "xã hội", "hộ", "hộ gia đình", "học sinh", "sinh viên", "doanh nghiệp",
            "hợp tác xã", "dự án", "công trình", "mô hình", "sáng kiến", "đề tài", "tỷ đồng", "triệu đồng", "đồng",
            "nghị quyết", "quyết định", "kế hoạch", "chương trình", "đề án", "chỉ thị", "kết luận", "quy định", "hướng dẫn",
            "thông báo", "buổi", "đợt", "lượt", "giờ", "phút", "tuổi", "năm", "tháng", "ngày", "tuần", "quý", "km2",
            "phiếu", "đơn", "đơn thư", "kiến nghị", "điểm", "giải", "huy chương", "bằng khen", "giấy khen", "tập thể",
            "gia đình", "nhân khẩu", "khẩu", "trẻ em", "giường bệnh", "bác sĩ", "tiêu chí", "sản phẩm", "ocop"),
           NOUN, "other", "other"),
    *_each(("dân số", "diện tích", "tăng trưởng", "hộ nghèo", "thu nhập", "tổng sản phẩm", "grdp", "vốn đầu tư",
            "thu ngân sách", "ngân sách", "kinh phí", "tốc độ tăng trưởng", "chỉ số năng lực cạnh tranh", "pci", "fdi",
            "nông thôn mới", "bảo hiểm y tế", "tỷ lệ hộ nghèo", "giá trị sản xuất", "kim ngạch", "dân cư"),
           MEASURE, "other", "other"),
    # --- verbs of changes without a family of their own ----------------------------------------
    *_each(("giảm", "cắt giảm", "giảm được", "giảm đi", "giải thể", "chấm dứt hoạt động", "giảm tổng số"), CHANGE,
           change=REMOVE),
    *_each(("tăng", "tăng thêm", "thành lập", "thành lập mới", "thành lập thêm", "bổ sung", "kiện toàn thành lập",
            "tiếp nhận", "nâng cấp", "để thành lập", "thành"), CHANGE, change=ADD),
    *_each(("giải quyết", "giải quyết được", "giải quyết nghỉ", "bố trí, giải quyết"), CHANGE, change=REMOVE),
    # words with a syllable of a change or a count in them that state neither
    *_each(("hoàn thành", "trở thành", "thành công", "thành tích", "tán thành", "cấu thành", "hình thành",
            "thành viên", "thành phần", "tăng cường", "tăng trưởng", "giảm nghèo", "hoàn thành tốt",
            "hoàn thành xuất sắc", "không hoàn thành", "thành thạo", "giải quyết công việc", "giải quyết kịp thời",
            "giải quyết đơn", "giải quyết khiếu nại"), NAME),
    *_each(("sắp xếp", "sáp nhập", "hợp nhất", "sắp xếp lại", "sáp nhập, hợp nhất", "tổ chức lại", "chia tách",
            "điều chỉnh địa giới", "nhập", "sắp xếp, sáp nhập", "sắp xếp, kiện toàn", "kiện toàn, sắp xếp",
            "hợp nhất, sáp nhập"), CHANGE, change=REARRANGE),
    *_each(("nâng tổng số đảng viên", "nâng tổng số đv"), CHANGE, PM, "party_member", MEMBERS, change=LEVEL),
    *_each(("nâng tổng số", "nâng tổng số lên", "tăng lên", "lên",
            "xuống còn", "giảm còn", "giảm xuống còn", "còn lại", "còn"), CHANGE, change=LEVEL),
    *_each(("chuyển giao", "chuyển về", "bàn giao", "chuyển đến", "chuyển đi"), CHANGE, change=TRANSFER),
    *_each(("có", "là", "hiện có", "gồm", "gồm có", "bao gồm", "với", "tổng số", "tổng cộng", "đạt", "hiện là",
            "sinh hoạt tại"), HOLD),
    *_each(("chỉ đạo", "triển khai", "hướng dẫn", "yêu cầu", "giao", "phê duyệt", "ban hành", "xây dựng", "rà soát",
            "thực hiện", "lãnh đạo", "quán triệt", "tuyên truyền", "phối hợp", "đề nghị", "trình"), VERB),
    *_each(("chiếm", "bằng", "tỷ lệ", "tỉ lệ", "chiếm tỷ lệ", "đạt tỷ lệ", "bằng tỷ lệ"), SHARE),
    *_each(("chỉ tiêu", "mục tiêu", "phấn đấu", "kế hoạch đề ra", "vượt tỷ lệ", "vượt mức", "chỉ tiêu đề ra",
            "theo kế hoạch", "chỉ tiêu nghị quyết"), TARGET),
    *_each(("dự kiến", "sẽ", "dự kiến sẽ", "theo phương án", "dự kiến sau sắp xếp", "theo đề án", "theo dự thảo"), PLAN),
    *_each(("trong đó", "trong số đó", "bao gồm", "gồm", "chia ra", "cụ thể", "cụ thể là", "gồm có", "cụ thể như sau"),
           LIST),
)


@lru_cache(maxsize=None)
def index_of(*roles: str) -> PhraseIndex[Term]:
    """The phrases of these roles, found by PhraseIndex (longest phrase first)."""
    return PhraseIndex((term.phrase, term) for term in LEXICON if term.role in roles)


@lru_cache(maxsize=None)
def all_terms() -> PhraseIndex[Term]:
    """Every phrase of the lexicon: reading a sentence once finds them all, the longest winning."""
    return PhraseIndex((term.phrase, term) for term in LEXICON)
