"""Pictures of materials: thumbnails (thumbs), personalised posters (poster)."""
