from django import forms
from django.conf import settings


class UploadForm(forms.Form):
    # Empty files reach read_report, whose refusal says why in both languages.
    file = forms.FileField(label="Tệp báo cáo / Report file (.txt, .md, .docx)", allow_empty_file=True)
    province = forms.CharField(
        label="Tỉnh / Province", required=False, max_length=100,
        help_text="Bắt buộc nếu văn bản không nêu tỉnh / required when the report never names its province")
    district = forms.CharField(label="Huyện / District", required=False, max_length=100)
    date = forms.DateField(
        label="Ngày văn bản / Report date", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="dd/mm/yyyy; nếu văn bản không ghi ngày / when the report does not say it")
    dry_run = forms.BooleanField(label="Chạy thử, không lưu / Dry run, save nothing", required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        # Refused by its declared size, before its content is read into memory.
        if uploaded.size > settings.REPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Tệp quá lớn (tối đa {settings.REPORT_MAX_BYTES // (1024 * 1024)} MB) / "
                f"the file is too large (the limit is {settings.REPORT_MAX_BYTES} bytes)")
        return uploaded
