"""Window Clerk (综合窗口收件台): the comprehensive-window intake desk."""

__version__ = "0.1.0"
