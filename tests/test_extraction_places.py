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
