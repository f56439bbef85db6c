import type { UserResponse } from '@telehealth/contracts';

/**
 * The signed-in person, as every part of the web app knows them: the API's `UserResponse`
 * (id, email, name, role, time zone). next-auth's session user and the signed-in context
 * carry exactly this; the API token never does.
 */
export type User = UserResponse;
