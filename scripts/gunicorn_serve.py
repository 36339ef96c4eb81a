"""gunicorn settings for scripts/serve.sh: quiet, and one closing line once it listens."""

loglevel = "warning"
workers = 2


def when_ready(server):
    # Printed only once the socket is bound, so the address works when it shows.
    host, port = server.address[0][:2]
    print(f"Serving ROS1 Companion at http://{host}:{port}/ (Ctrl-C stops it)", flush=True)
