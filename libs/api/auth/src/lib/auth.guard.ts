import { POLICY_KEY, type AuthUser, type RoutePolicy } from '@crm/api/core';
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from './sessions/session-cookies';
import { SessionService } from './sessions/session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const BEFORE_PASSWORD_CHANGE_KEY = 'crm:before-password-change';
/**
 * A route a user who must change their password may still call (change-password, sign-out, who am I);
 * every other route answers 403 until the password is changed.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

export const MUST_CHANGE_PASSWORD =
  '请先修改初始密码后再继续 / Change your initial password before going on';

/**
 * The one gate every route passes: the route's declared policy (a route without one is refused),
 * the session from its cookie, the CSRF token on every change, then the roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!policy) {
      this.logger.error(`route without a policy refused: ${request.method} ${request.path}`);
      throw new ForbiddenException('此操作未声明访问权限 / This route declares no access policy');
    }
    if (policy.kind === 'public') return true;

    const token: string | undefined = request.cookies?.[SESSION_COOKIE];
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new UnauthorizedException('请先登录，或登录已过期 / Please sign in; the session may have expired');
    if (!SAFE_METHODS.has(request.method) && request.get(CSRF_HEADER) !== session.csrfToken) {
      throw new ForbiddenException('页面已过期，请刷新后重试 / The page is out of date (CSRF check); reload and try again');
    }
    // Built field by field (no spread-then-delete, which leaves V8 a slow dictionary-mode object).
    const { mustChangePassword } = session;
    const user: AuthUser = {
      id: session.id,
      username: session.username,
      displayName: session.displayName,
      roles: session.roles,
      unitId: session.unitId,
      personId: session.personId,
      chainIds: session.chainIds,
      allChains: session.allChains,
      editableChainIds: session.editableChainIds,
      sessionId: session.sessionId,
    };
    request.user = user;
    if (
      mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_PASSWORD_CHANGE_KEY, [context.getHandler(), context.getClass()])
    ) {
      throw new ForbiddenException({ statusCode: 403, message: MUST_CHANGE_PASSWORD, mustChangePassword: true });
    }
    if (policy.kind === 'roles' && !user.roles.some((r) => policy.roles.includes(r))) {
      throw new ForbiddenException('您没有权限执行此操作 / Your role does not allow this');
    }
    return true;
  }
}
