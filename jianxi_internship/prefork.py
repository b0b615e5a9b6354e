"""Odoo's prefork server (``workers`` > 0) listens with a backlog of 8 connections a worker: 16 with
2 workers. A burst of applicants (50 pressing “apply” in the same second) overflows it, and the
kernel resets the connections it cannot queue (SYN cookies): those people get an error page,
although each apply takes a worker some 30 ms. With a deeper backlog they wait their turn.

Called when the addon is imported: in the master when it preloads the database (after it opened
the socket), else in each worker, which shares the master's socket. The threaded server (tests,
``make run``) is left alone."""

from odoo.service import server

# Connections the kernel may hold for the workers (it caps the number at net.core.somaxconn).
LISTEN_BACKLOG = 1024


def deepen_listen_backlog():
    prefork = server.server
    if isinstance(prefork, server.PreforkServer) and prefork.socket:
        prefork.socket.listen(max(LISTEN_BACKLOG, 8 * prefork.population))
