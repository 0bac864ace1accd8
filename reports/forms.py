from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    # Empty files reach read_report, whose refusal says why.
    file = forms.FileField(label=_("Tệp báo cáo (.txt, .md, .docx, .pdf)"), allow_empty_file=True)
    province = forms.CharField(
        label=_("Tỉnh"), required=False, max_length=100,
        help_text=_("Bắt buộc nếu văn bản không nêu tỉnh"))
    district = forms.CharField(label=_("Huyện"), required=False, max_length=100)
    date = forms.DateField(
        label=_("Ngày văn bản"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy; nếu văn bản không ghi ngày"))
    replace = forms.BooleanField(
        label=_("Thay phiên bản cũ"), required=False,
        help_text=_("Nếu báo cáo này đã có với nội dung khác: thay bằng tệp này (phiên bản cũ được giữ lại)"))
    dry_run = forms.BooleanField(label=_("Chạy thử, không lưu"), required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        # Refused by its declared size, before its content is read into memory.
        if uploaded.size > settings.REPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(limit)s)"), code="too_large",
                params={"limit": filesizeformat(settings.REPORT_MAX_BYTES)})
        return uploaded
