from django.apps import AppConfig


class TrainingSiteConfig(AppConfig):
    name = "training_site"
    verbose_name = "Training site"

    def ready(self):
        from common import pageslots

        from .context_processors import unread_badge

        # The menus' unread badges: parts a page kept for many readers fills in for each.
        pageslots.register("unread-nav", unread_badge("nav-badge", lead=" "))
        pageslots.register("unread-tab", unread_badge("tab-bar__badge"))
