// Display names that depend on the UI language.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PermissionInfo, Role } from '../api/admin'

/** Role and permission names in the UI language: the server sends `name` (zh) and `name_en`. */
export function useAdminLabels() {
  const { t, te, locale } = useI18n()
  const english = computed(() => locale.value === 'en')

  function roleName(role: Pick<Role, 'name' | 'name_en'>): string {
    return english.value && role.name_en ? role.name_en : role.name
  }
  /** A role key the list does not know (deleted meanwhile) is shown as it is. */
  function roleLabel(key: string, roles: readonly Role[]): string {
    const role = roles.find((r) => r.key === key)
    return role ? roleName(role) : key
  }
  function permissionName(p: PermissionInfo): string {
    return english.value && p.name_en ? p.name_en : p.name
  }
  function scopeLabel(scope: string): string {
    return te(`scope.${scope}`) ? t(`scope.${scope}`) : scope
  }
  function kindLabel(kind: string): string {
    return te(`unitKind.${kind}`) ? t(`unitKind.${kind}`) : kind
  }
  return { roleName, roleLabel, permissionName, scopeLabel, kindLabel }
}
