# Settings › Calendar feeds (/admin/settings/calendar-feeds): the coach's two iCalendar addresses.

feeds-title = Calendar feeds
feeds-lead = Subscribe to your Coachbook sessions from Google Calendar, Outlook or Apple Calendar. Each address is a secret: anyone who has it sees what the feed holds, until you give the feed a new address.
feeds-none = No feeds yet. Reload this page to make them.
feeds-label-coach = Your sessions, with names
feeds-label-coach_anonymous = Your sessions, anonymised
feeds-coach-hint = Every session from 90 days ago to a year ahead, with the participants' names and the meeting link. For your own calendar only.
feeds-anonymous-hint = The same times, each only as "Client session": no names, session types, links or notes. For a calendar others see, such as a shared family or office calendar.
feeds-address = Feed address
feeds-address-hint = Paste it where your calendar app asks for a calendar's address (URL).
feeds-copy = Copy<span class="visually-hidden"> the address of { $feed }</span>
feeds-subscribe = Subscribe in your calendar app<span class="visually-hidden">: { $feed }</span>
feeds-rotate = Rotate address…<span class="visually-hidden"> ({ $feed })</span>
feeds-rotate-question = The feed gets a new address and <strong>the old address stops working at once</strong>: every calendar subscribed to it stops updating until you subscribe to the new one.
feeds-rotate-yes = Yes, give it a new address
feeds-rotated = The feed has a new address. Subscribe to it again; the old address no longer works.
feeds-how-title = How to subscribe
feeds-how-google = <strong>Google Calendar</strong> (on a computer): Other calendars › + › From URL, paste the address, Add calendar. Google refreshes subscribed calendars every few hours to a day.
feeds-how-outlook = <strong>Outlook</strong>: Add calendar › Subscribe from web, paste the address, Import. Outlook.com refreshes every few hours.
feeds-how-apple = <strong>Apple Calendar</strong>: File › New Calendar Subscription (on iPhone: Settings › Calendar › Accounts › Add Subscribed Calendar), paste the address, and set Auto-refresh to every 15 minutes.
feeds-how-refresh = Changes show when your app next refreshes; Coachbook asks for every 15 minutes, but each app decides.
feeds-back = Back to Settings
