"""Pictures of materials: thumbnails (thumbs), personalised posters (poster), the QR setting."""

from ui.materials.poster import PosterError, poster_for, poster_images, render_poster
from ui.materials.thumbs import thumbnail

__all__ = ["PosterError", "poster_for", "poster_images", "render_poster", "thumbnail"]
