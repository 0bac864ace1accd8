from reports.extraction.places import find_places


def names(text):
    return [(p.prefix, p.name) for p in find_places(text)]


def test_an_apostrophe_inside_a_name_belongs_to_it():
    assert names("Huyện ủy Đắk R'lấp có 42 tổ chức cơ sở đảng; huyện Cư M’gar có 17 xã.") == [
        ("Huyện", "Đắk R'lấp"), ("Huyện", "Cư M’gar")]


def test_van_begins_a_name_but_not_an_office_after_a_prefix():
    assert names("Huyện Văn Lâm sáp nhập 02 xã") == [("Huyện", "Văn Lâm")]
    assert names("Tỉnh Văn phòng Tỉnh ủy") == []
    assert names("huyện Văn hóa") == []


def test_ke_begins_a_name_but_not_a_plan_after_a_prefix():
    assert names("huyện Kế Sách sáp nhập 04 ấp") == [("Huyện", "Kế Sách")]
    assert names("Huyện Kế hoạch số 12") == []


def former(text):
    return [(p.name, p.former, p.dissolved) for p in find_places(text)]


def test_the_unit_before_a_merger_is_written_in_several_ways():
    assert former("tỉnh Kon Tum trước hợp nhất có") == [("Kon Tum", True, True)]
    assert former("huyện Ba Tơ (trước sáp nhập)") == [("Ba Tơ", True, False)]
    assert former("Tỉnh Quảng Ngãi trước đây") == [("Quảng Ngãi", True, False)]
    assert former("tỉnh Quảng Ngãi (mới)") == [("Quảng Ngãi", False, False)]


def test_a_dissolved_province_needs_no_prefix_and_a_surviving_name_beside_it_is_its_partner():
    assert former("(Đắk Lắk 412, Phú Yên 388)") == [("Đắk Lắk", False, False), ("Phú Yên", False, True)]
    assert [q.partner for q in find_places("(Đắk Lắk 412, Phú Yên 388)")] == [True, False]
    assert former("Đắk Lắk tổ chức hội nghị") == []  # a surviving name alone, unprefixed: not read
    assert former("Gia Lai cũ 95") == [("Gia Lai", True, False)]


def test_a_bare_province_name_inside_a_longer_name_is_not_a_place():
    assert former("Báo Kon Tum đưa tin") == []
    assert former("Kon Tum Plông") == []


def test_a_merged_name_keeps_its_hyphen():
    assert names("tỉnh Bà Rịa-Vũng Tàu (cũ)") == [("Tỉnh", "Bà Rịa-Vũng Tàu")]
    assert names("phường Tân Sơn - Phú Lợi") == [("Phường", "Tân Sơn - Phú Lợi")]



def test_a_bare_province_name_is_capitalised_in_every_word_and_may_follow_a_lead_word():
    assert former("Hòa bình, ổn định chính trị") == []
    assert former("Riêng Kon Tum có 86 xã") == [("Kon Tum", False, True)]
    assert former("Kon\nTum 12") == []
