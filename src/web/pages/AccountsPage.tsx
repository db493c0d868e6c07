import { RequireAbility } from '../components/Page.tsx';
import { AccountList } from '../features/accounts/AccountList.tsx';

export function AccountsPage() {
  return (
    <RequireAbility ability="account.manage">
      <AccountList />
    </RequireAbility>
  );
}
