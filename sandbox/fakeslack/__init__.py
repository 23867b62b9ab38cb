"""A stateful local Slack: Web API, Events API, interactivity and Socket Mode, for tests and the sandbox."""

from sandbox.fakeslack.fake import FakeSlack
from sandbox.fakeslack.interactions import Submitted
from sandbox.fakeslack.people import Said
from sandbox.fakeslack.responses import ResponseContext
from sandbox.fakeslack.sender import BoltTarget, Delivered, HttpTarget, Signing, Target, signature
from sandbox.fakeslack.socketmode import SocketModeTarget
from sandbox.fakeslack.state import Call, Change, Channel, Ephemeral, FileUpload, Message, User, View
from sandbox.fakeslack.team import Team

__all__ = [
    "BoltTarget", "Call", "Change", "Channel", "Delivered", "Ephemeral", "FakeSlack", "FileUpload", "HttpTarget",
    "Message", "ResponseContext", "Said", "Signing", "SocketModeTarget", "Submitted", "Target", "Team", "User",
    "View", "signature",
]
