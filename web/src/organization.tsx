import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { client, ok, session, type Organization } from './api';

interface OrganizationState {
  /** The user's organization, then every organization below it (depth-first); empty until known. */
  organizations: Organization[];
  /** The organization the lists show: the user's own, or the descendant chosen in the header. */
  current: Organization | undefined;
  /** The chosen descendant's id, sent as `organizationId` on list routes; undefined while on the own organization. */
  organizationId: string | undefined;
  /** A descendant is being viewed: its data is read-only (the server answers a write with 403 anyway). */
  readOnly: boolean;
  choose(id: string): void;
}

const OrganizationContext = createContext<OrganizationState>({
  organizations: [],
  current: undefined,
  organizationId: undefined,
  readOnly: false,
  choose: () => undefined,
});

/**
 * The organizations the signed-in user reads (GET /api/organizations: own first) and the one being viewed. The
 * choice is remembered for the browser tab's session, so a reload keeps it (and the pages ask for it at once, before
 * the list is back); a choice the list does not hold any more falls back to the user's own organization.
 */
export function OrganizationProvider({ children }: { children: ReactNode }) {
  const [organizations, setOrganizations] = useState<Organization[]>();
  const [chosen, setChosen] = useState<string | null>(() => session.organization());
  useEffect(() => {
    void ok(client.GET('/api/organizations'))
      .then((list) => {
        setOrganizations(list);
        setChosen((id) => {
          const kept = list.find((o) => o.id === id && o.depth > 0)?.id ?? null;
          session.viewOrganization(kept);
          return kept;
        });
      })
      .catch(() => setOrganizations([]));
  }, []);
  const own = organizations?.find((o) => o.depth === 0);
  const current = organizations?.find((o) => o.id === chosen) ?? own;
  const organizationId = chosen ?? undefined;
  const value: OrganizationState = {
    organizations: organizations ?? [],
    current,
    organizationId,
    readOnly: organizationId !== undefined,
    choose(id) {
      const kept = id === own?.id ? null : id;
      session.viewOrganization(kept);
      setChosen(kept);
    },
  };
  return <OrganizationContext.Provider value={value}>{children}</OrganizationContext.Provider>;
}

export const useOrganization = () => useContext(OrganizationContext);
