import { createContext, useContext, useState, type ReactNode } from 'react';
import { client, ok, session, type Role, type User } from './api';

interface AuthState {
  user: User | null;
  login(username: string, password: string): Promise<User>;
  logout(): void;
}

const AuthContext = createContext<AuthState>(null as unknown as AuthState);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => (session.token() ? session.user() : null));
  const value: AuthState = {
    user,
    async login(username, password) {
      const result = await ok(client.POST('/api/auth/login', { body: { username, password } }));
      session.save(result.accessToken, result.user);
      setUser(result.user);
      return result.user;
    },
    logout() {
      session.clear();
      setUser(null);
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);

/** The first page of each role. */
export function homeOf(role: Role): string {
  if (role === 'unit_user') return '/my-tasks';
  if (role === 'admin') return '/users';
  if (role === 'leader') return '/dashboard';
  return '/tasks';
}
