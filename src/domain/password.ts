// Password rules for staff accounts (citizens sign in with VNeID, never with a Motcua password).
export const PASSWORD_MIN_LENGTH = 10;

export function passwordAcceptable(password: string, username: string): boolean {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > 200) return false;
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/[0-9]/.test(password)) return false;
  return !password.toLowerCase().includes(username.toLowerCase());
}
