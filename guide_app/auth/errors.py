"""Sign-in failures the window shows as they are (``.message`` is Chinese)."""

from __future__ import annotations


class AuthError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongPassword(AuthError):
    def __init__(self, message: str = "用户名或密码错误") -> None:
        super().__init__(message)


class ServerUnreachable(AuthError):
    def __init__(self, message: str = "无法连接服务器，请检查网络") -> None:
        super().__init__(message)


class SessionRevoked(AuthError):
    def __init__(self, message: str = "登录已失效或已被管理员注销，请重新登录") -> None:
        super().__init__(message)


class Throttled(AuthError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class OfflineUnlockUnavailable(ServerUnreachable):
    """Server unreachable and no offline verifier for this account on this PC."""

    def __init__(
        self, message: str = "无法连接服务器，且本机没有该账户的离线登录记录（需先联网登录一次）"
    ) -> None:
        super().__init__(message)


class NoKeyring(AuthError):
    def __init__(
        self, message: str = "本机没有可用的系统密钥环，无法保存登录状态，每次启动需输入密码"
    ) -> None:
        super().__init__(message)
