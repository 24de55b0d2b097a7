"""App config: Titles, management categories, decisions and assignments (work history)."""

from django.apps import AppConfig


class PostsConfig(AppConfig):
    """Titles, management categories, decisions and assignments (work history)."""

    name = "canbo.posts"
    label = "posts"
    verbose_name = "Chức vụ"
