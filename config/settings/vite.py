"""The React front end, built by Vite, mounted in Django templates by django-vite."""

from config.env import BASE_DIR, env

DJANGO_VITE = {
    "default": {
        # Dev mode loads modules from `npm run dev` (hot reload); otherwise the built
        # bundle's manifest is read and WhiteNoise serves the hashed files.
        "dev_mode": env.bool("VITE_DEV_MODE", default=False),
        "dev_server_port": env.int("VITE_DEV_SERVER_PORT", default=5173),
        "manifest_path": BASE_DIR / "frontend" / "dist" / "manifest.json",
        "static_url_prefix": "",
    }
}
