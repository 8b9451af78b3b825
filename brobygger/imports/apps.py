from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "brobygger.imports"
    label = "imports"
    verbose_name = "Import"

    def ready(self) -> None:
        from brobygger.core.appendonly import register_non_personal_fields

        # Coded values and a hash: they say nothing about a person. The file's name stays
        # redacted in the trail (a name may be in it); it is on the ImportRun row.
        register_non_personal_fields("imports.importrun", "kind", "content_sha256", "status")
