import { type ComponentType, type LazyExoticComponent, lazy } from 'react'
import type { Permission } from './auth'

/** The nav's sections, in the order they are shown. */
export const NAV_GROUPS = ['Portal', 'Overview', 'Leads', 'Configuration', 'Money', 'Administration'] as const
export type NavGroup = (typeof NAV_GROUPS)[number]

export interface ScreenRoute {
  /** Below /console, react-router syntax: `leads`, `leads/:id`. */
  path: string
  /** The nav entry; a route without one (a detail screen) is reached by links. */
  label?: string
  group?: NavGroup
  /** The permission the screen needs; without it the route is neither listed nor rendered. */
  permission: Permission | 'signed-in'
  screen: LazyExoticComponent<ComponentType>
}

/** Loads a screen's chunk on first visit: `screen(() => import('./screens/x'), (m) => m.XScreen)`. */
function screen<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: pick(await load()) }))
}

/**
 * Every screen of the console, one entry each. To add one: write `screens/<name>.tsx` exporting
 * the component, and add its entry here (docs/console.md, "Adding a screen").
 */
export const ROUTES: readonly ScreenRoute[] = [
  {
    path: 'dashboard',
    label: 'Dashboard',
    group: 'Overview',
    permission: 'reports:read',
    screen: screen(
      () => import('./screens/dashboard'),
      (m) => m.DashboardScreen,
    ),
  },
  {
    path: 'leads',
    label: 'Leads',
    group: 'Leads',
    permission: 'leads:read',
    screen: screen(
      () => import('./screens/leads'),
      (m) => m.LeadsScreen,
    ),
  },
  {
    path: 'leads/:id',
    permission: 'leads:read',
    screen: screen(
      () => import('./screens/lead-detail'),
      (m) => m.LeadDetailScreen,
    ),
  },
  {
    path: 'post-lead',
    label: 'Post a lead',
    group: 'Leads',
    permission: 'leads:read',
    screen: screen(
      () => import('./screens/post-lead'),
      (m) => m.PostLeadScreen,
    ),
  },
  {
    path: 'returns',
    label: 'Returns',
    group: 'Leads',
    permission: 'returns:read',
    screen: screen(
      () => import('./screens/returns'),
      (m) => m.ReturnsScreen,
    ),
  },
  {
    path: 'sources',
    label: 'Sources',
    group: 'Configuration',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/sources'),
      (m) => m.SourcesScreen,
    ),
  },
  {
    path: 'sources/:vid',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/source-editor'),
      (m) => m.SourceEditorScreen,
    ),
  },
  {
    path: 'campaigns',
    label: 'Campaigns',
    group: 'Configuration',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/campaigns'),
      (m) => m.CampaignsScreen,
    ),
  },
  {
    path: 'campaigns/:aid',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/campaign-editor'),
      (m) => m.CampaignEditorScreen,
    ),
  },
  {
    path: 'lead-types',
    label: 'Lead types',
    group: 'Configuration',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/lead-types'),
      (m) => m.LeadTypesScreen,
    ),
  },
  {
    path: 'lead-types/:lid',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/lead-type-editor'),
      (m) => m.LeadTypeEditorScreen,
    ),
  },
  {
    path: 'buyers',
    label: 'Buyers & contracts',
    group: 'Configuration',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/buyers'),
      (m) => m.BuyersScreen,
    ),
  },
  // The partner portals (docs/portals.md): only buyer and seller roles hold these permissions.
  {
    path: 'portal/buyer',
    label: 'Your leads',
    group: 'Portal',
    permission: 'portal:buyer',
    screen: screen(
      () => import('./portal/buyer-portal'),
      (m) => m.BuyerPortalScreen,
    ),
  },
  {
    path: 'portal/seller',
    label: 'Your posted leads',
    group: 'Portal',
    permission: 'portal:seller',
    screen: screen(
      () => import('./portal/seller-portal'),
      (m) => m.SellerPortalScreen,
    ),
  },
  {
    path: 'portal/posting-instructions',
    label: 'Posting instructions',
    group: 'Portal',
    permission: 'portal:seller',
    screen: screen(
      () => import('./portal/posting-instructions'),
      (m) => m.PostingInstructionsScreen,
    ),
  },
  {
    path: 'buyers/:id',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/buyer-editor'),
      (m) => m.BuyerEditorScreen,
    ),
  },
  {
    path: 'contracts/:id',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/contract-editor'),
      (m) => m.ContractEditorScreen,
    ),
  },
  // ---- console-more screens ----
  {
    path: 'redistribution',
    label: 'Re-distribution',
    group: 'Configuration',
    permission: 'config:read',
    screen: screen(
      () => import('./screens/redistribution'),
      (m) => m.RedistributionScreen,
    ),
  },
  {
    path: 'webhooks',
    label: 'Webhooks',
    group: 'Administration',
    permission: 'webhooks:read',
    screen: screen(
      () => import('./screens/webhooks'),
      (m) => m.WebhooksScreen,
    ),
  },
  {
    path: 'alerts',
    label: 'Alert rules',
    group: 'Administration',
    permission: 'alerts:read',
    screen: screen(
      () => import('./screens/alerts'),
      (m) => m.AlertsScreen,
    ),
  },
  // ---- console-work screens ----
  {
    path: 'qc',
    label: 'QC review',
    group: 'Leads',
    permission: 'qc:decide',
    screen: screen(
      () => import('./screens/qc'),
      (m) => m.QcScreen,
    ),
  },
  {
    path: 'dialler',
    label: 'Call queue',
    group: 'Leads',
    permission: 'dialler:read',
    screen: screen(
      () => import('./screens/dialler'),
      (m) => m.DiallerScreen,
    ),
  },
  {
    path: 'suppression',
    label: 'Suppression lists',
    group: 'Leads',
    permission: 'suppression:read',
    screen: screen(
      () => import('./screens/suppression'),
      (m) => m.SuppressionScreen,
    ),
  },
  {
    path: 'reports',
    label: 'Reports',
    group: 'Money',
    permission: 'reports:read',
    screen: screen(
      () => import('./screens/reports'),
      (m) => m.ReportsScreen,
    ),
  },
  {
    path: 'keys',
    label: 'API keys',
    group: 'Administration',
    permission: 'credentials:read',
    screen: screen(
      () => import('./screens/keys'),
      (m) => m.KeysScreen,
    ),
  },
  {
    path: 'users',
    label: 'Users',
    group: 'Administration',
    permission: 'users:read',
    screen: screen(
      () => import('./screens/users'),
      (m) => m.UsersScreen,
    ),
  },
  {
    path: 'audit',
    label: 'Audit log',
    group: 'Administration',
    permission: 'audit:read',
    screen: screen(
      () => import('./screens/audit'),
      (m) => m.AuditScreen,
    ),
  },
]
