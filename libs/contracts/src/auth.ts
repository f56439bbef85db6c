/** The shortest password anyone may choose: registration, a set-password link, a patient keeping their account. */
export const PASSWORD_MIN_LENGTH = 10;
