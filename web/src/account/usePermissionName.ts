// A permission's name in the UI language. The catalogue (GET /api/v1/permissions) needs
// role.manage, so every user's pages name permissions from the locale files; a key the UI
// does not know yet is shown as it is.
import { useI18n } from 'vue-i18n'

export function usePermissionName() {
  const { t, te } = useI18n()
  return (key: string): string => {
    const id = `permissionName.${key.replace(/\./g, '_')}`
    return te(id) ? t(id) : key
  }
}
