"""What browser tests do often: wait for the worker, go offline, ask the worker its version."""

from __future__ import annotations


def wait_for_service_worker(page) -> None:
    """Waits until the worker has precached everything and controls the page."""
    # A function, not a bare expression: Playwright would eval() an expression on
    # every poll, which the site's CSP (no 'unsafe-eval') refuses.
    page.wait_for_function(
        "() => navigator.serviceWorker.ready"
        ".then(() => navigator.serviceWorker.controller !== null)"
    )


def _from_service_worker(request) -> bool:
    # Playwright's Python API has no request.service_worker; a worker's request
    # is the one without a frame (request.frame raises for it).
    try:
        request.frame  # noqa: B018
    except Exception:
        return True
    return False


def go_offline(context) -> None:
    """No network for the pages nor for the service worker's own fetches."""
    context.route(
        "**/*",
        lambda route: route.abort("internetdisconnected")
        if _from_service_worker(route.request)
        else route.fallback(),
    )
    context.set_offline(True)


def go_online(context) -> None:
    context.unroute("**/*")
    context.set_offline(False)


def worker_version(page) -> str:
    """The version of the library that the worker controlling the page precached."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(event.data.version);
            navigator.serviceWorker.controller.postMessage({type: "GET_VERSION"}, [channel.port2]);
        })"""
    )
