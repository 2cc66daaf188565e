import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.config.settings")
application = get_wsgi_application()
# Everything loaded at start-up lives as long as the process: keep the garbage collector from
# scanning it again and again (it showed as p95 spikes on pages that build many objects).
gc.freeze()
