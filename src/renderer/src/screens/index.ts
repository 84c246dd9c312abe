import type { Component } from 'vue'
import type { ScreenName } from '../../../core/protocol'
import AmountScreen from './AmountScreen.vue'
import BankCardProblemScreen from './BankCardProblemScreen.vue'
import BankCardScreen from './BankCardScreen.vue'
import BillJamScreen from './BillJamScreen.vue'
import CardProblemScreen from './CardProblemScreen.vue'
import CardScreen from './CardScreen.vue'
import CardWriteScreen from './CardWriteScreen.vue'
import CashScreen from './CashScreen.vue'
import CheckingCardScreen from './CheckingCardScreen.vue'
import CreditingScreen from './CreditingScreen.vue'
import IdleScreen from './IdleScreen.vue'
import OutOfServiceScreen from './OutOfServiceScreen.vue'
import PaymentMethodScreen from './PaymentMethodScreen.vue'
import ReceiptScreen from './ReceiptScreen.vue'
import ServiceUnavailableScreen from './ServiceUnavailableScreen.vue'
import ServiceClaimsScreen from './service/ServiceClaimsScreen.vue'
import ServiceCollectionScreen from './service/ServiceCollectionScreen.vue'
import ServiceDevicesScreen from './service/ServiceDevicesScreen.vue'
import ServiceJournalScreen from './service/ServiceJournalScreen.vue'
import ServiceLockedScreen from './service/ServiceLockedScreen.vue'
import ServiceMenuScreen from './service/ServiceMenuScreen.vue'
import ServicePinScreen from './service/ServicePinScreen.vue'
import ServiceReportsScreen from './service/ServiceReportsScreen.vue'
import ServiceSettingsScreen from './service/ServiceSettingsScreen.vue'
import StorageFailedScreen from './StorageFailedScreen.vue'
import ThankYouScreen from './ThankYouScreen.vue'

/**
 * The component for each screen the core names (one component may serve several, worded by the view's
 * screen); the record type makes a missing screen a type error.
 */
export const SCREEN_COMPONENTS: Record<ScreenName, Component> = {
  idle: IdleScreen,
  outOfService: OutOfServiceScreen,
  card: CardScreen,
  checkingCard: CheckingCardScreen,
  cardReadError: CardProblemScreen,
  cardUnknown: CardProblemScreen,
  cardBlocked: CardProblemScreen,
  cardExpired: CardProblemScreen,
  serviceUnavailable: ServiceUnavailableScreen,
  amount: AmountScreen,
  paymentMethod: PaymentMethodScreen,
  cash: CashScreen,
  bankCard: BankCardScreen,
  bankCardDeclined: BankCardProblemScreen,
  bankCardTimeout: BankCardProblemScreen,
  billJam: BillJamScreen,
  crediting: CreditingScreen,
  cardWrite: CardWriteScreen,
  receipt: ReceiptScreen,
  thankYou: ThankYouScreen,
  storageFailed: StorageFailedScreen,
  journalUntrusted: OutOfServiceScreen,
  // Service mode (issue 15): staff's screens, each saying on top that the kiosk is out of service.
  servicePin: ServicePinScreen,
  serviceLocked: ServiceLockedScreen,
  serviceMenu: ServiceMenuScreen,
  serviceCollection: ServiceCollectionScreen,
  serviceReports: ServiceReportsScreen,
  serviceJournal: ServiceJournalScreen,
  serviceClaims: ServiceClaimsScreen,
  serviceDevices: ServiceDevicesScreen,
  serviceSettings: ServiceSettingsScreen
}
