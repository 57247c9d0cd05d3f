import express, { type Request, type Response, type Router } from 'express';
import type Provider from 'oidc-provider';
import type { Logger } from '../../../common/logger';
import type { Orm } from '../../../common/orm';
import { rateLimit } from '../../../common/rate-limit';
import { signIn, type SignInResult } from '../accounts/sign-in';
import { loginPage, PAGE_HEADERS, SIGN_IN_MESSAGES } from './page';

/** Sign-in attempts one address may make: a burst of 20, then one every 3 seconds. */
export const SIGN_IN_RATE_LIMIT = { capacity: 20, refillPerSecond: 1 / 3 } as const;

/** What the page says to a refused sign-in; a lock names the minutes left, rounded up. */
function refusalMessage(result: Exclude<SignInResult, { ok: true }>): string {
  if (result.reason === 'locked') return SIGN_IN_MESSAGES.locked(Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000)));
  return result.reason === 'disabled' ? SIGN_IN_MESSAGES.disabled : SIGN_IN_MESSAGES.wrongCredentials;
}

/**
 * The provider's interactions: it sends the browser to `/interaction/<uid>` when
 * someone must sign in. The form posts back to the same interaction; the
 * provider finds the interaction through a cookie bound to that path (SameSite=Lax),
 * so a form posted from another site has no interaction to complete (CSRF).
 */
export function interactionRoutes(provider: Provider, orm: Orm, logger: Logger): Router {
  const router = express.Router();

  const show = (res: Response, status: number, uid: string, username?: string, error?: string) => {
    res
      .status(status)
      .type('html')
      .set(PAGE_HEADERS)
      .send(loginPage({ action: `/interaction/${uid}/login`, username, error }));
  };

  router.get('/interaction/:uid', async (req: Request, res: Response, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login') {
        // Consent is granted by the provider's loadExistingGrant for the workbench: nothing to ask.
        return await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      }
      show(res, 200, details.uid);
    } catch (error) {
      next(error);
    }
  });

  // Per address, beside each account's five tries: one address cannot spray passwords over many
  // accounts, nor keep the server busy hashing (argon2 is slow on purpose).
  const attemptsPerAddress = rateLimit({
    ...SIGN_IN_RATE_LIMIT,
    onLimited: (req, res, wait) => show(res, 429, String(req.params.uid ?? ''), undefined, SIGN_IN_MESSAGES.tooMany(wait)),
  });

  router.post(
    '/interaction/:uid/login',
    attemptsPerAddress,
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req: Request, res: Response, next) => {
      try {
        const details = await provider.interactionDetails(req, res);
        const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
        const password = typeof req.body?.password === 'string' ? req.body.password : '';
        if (!username || !password) return show(res, 400, details.uid, username, SIGN_IN_MESSAGES.missing);
        const result = await signIn(orm.em.fork(), username, password);
        if (!result.ok) {
          // What was typed as a username may be a password typed in the wrong field: the log keeps its start only.
          logger.info({ username: username.slice(0, 32), reason: result.reason }, 'sign-in refused');
          return show(res, 401, details.uid, username, refusalMessage(result));
        }
        logger.info({ username }, 'signed in');
        await provider.interactionFinished(req, res, { login: { accountId: result.account.username } }, { mergeWithLastSubmission: false });
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}
