from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "metskin.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self) -> None:
        from metskin.analysis import signals  # noqa: F401 - connects the receivers
        from metskin.analysis.selectors import analysis_media_viewable
        from metskin.uploads.access import media_access_register

        # Signed links to an analysis's pictures work only while the analysis is viewable.
        media_access_register(analysis_media_viewable)
