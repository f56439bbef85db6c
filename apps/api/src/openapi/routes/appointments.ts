import {
  ZAppointmentPageSchema,
  ZAppointmentResponseSchema,
  ZCreateAppointmentRequestSchema,
  ZFindPatientsQuerySchema,
  ZFindPatientsResponseSchema,
  ZInviteGuestRequestSchema,
  ZInviteGuestResponseSchema,
  ZListAppointmentsQuerySchema,
  ZUpdateAppointmentRequestSchema,
  ZVisitGuestListResponseSchema,
  ZVisitInvitationResponseSchema,
} from '@telehealth/contracts';
import { type RouteEntry, SIGNED_IN } from '../route-types';

/** Finding patients and scheduling, listing, cancelling and rescheduling visits, and their guests. */
export const APPOINTMENT_ROUTES: readonly RouteEntry[] = [
  // ---- patients ----
  {
    method: 'get',
    path: '/api/patients',
    tag: 'patients',
    summary: 'Find patients by name or email, to schedule a visit',
    auth: ['DOCTOR'],
    query: ZFindPatientsQuerySchema,
    response: { status: 200, schema: ZFindPatientsResponseSchema },
  },

  // ---- appointments ----
  {
    method: 'post',
    path: '/api/appointments',
    tag: 'appointments',
    summary:
      'Schedule a visit with a patient, named by id or by name and email (an unknown email gets an invited patient account); the patient is emailed the visit link, code and calendar file',
    auth: ['DOCTOR'],
    body: ZCreateAppointmentRequestSchema,
    response: { status: 201, schema: ZAppointmentResponseSchema },
    errors: { 404: true, 409: true },
  },
  {
    method: 'get',
    path: '/api/appointments',
    tag: 'appointments',
    summary: "The caller's upcoming or past appointments",
    auth: SIGNED_IN,
    query: ZListAppointmentsQuerySchema,
    response: { status: 200, schema: ZAppointmentPageSchema },
  },
  {
    method: 'get',
    path: '/api/appointments/:id',
    tag: 'appointments',
    summary: 'One appointment of the caller',
    auth: SIGNED_IN,
    response: { status: 200, schema: ZAppointmentResponseSchema },
  },
  {
    method: 'patch',
    path: '/api/appointments/:id',
    tag: 'appointments',
    summary: 'Cancel or reschedule an appointment; the patient is emailed the new link and calendar file, or the cancellation',
    auth: ['DOCTOR', 'PATIENT'],
    body: ZUpdateAppointmentRequestSchema,
    response: { status: 200, schema: ZAppointmentResponseSchema },
    errors: { 409: true },
  },
  {
    method: 'get',
    path: '/api/appointments/:id/invitation',
    tag: 'appointments',
    summary: "The visit's link, code and a message to paste into SMS or chat, in the patient's time zone (the visit's doctor)",
    auth: ['DOCTOR'],
    response: { status: 200, schema: ZVisitInvitationResponseSchema },
    errors: { 409: true },
  },
  {
    method: 'get',
    path: '/api/appointments/:id/calendar.ics',
    tag: 'appointments',
    summary: "The visit's calendar file (iCalendar: METHOD:CANCEL once cancelled) for its doctor and patient, also by visit link",
    auth: SIGNED_IN,
    response: { status: 200, mediaType: 'text/calendar', description: 'The calendar file, as an attachment.' },
  },

  // ---- guests of a visit ----
  {
    method: 'post',
    path: '/api/appointments/:id/guests',
    tag: 'guests',
    summary:
      "Invite a guest (interpreter, caregiver, clinician) to a visit that can still be joined (the visit's doctor): a link and code of their own, which open the call (after the doctor admits them) and nothing else; emailed when an address is given",
    auth: ['DOCTOR'],
    body: ZInviteGuestRequestSchema,
    response: { status: 201, schema: ZInviteGuestResponseSchema },
    errors: { 409: true },
  },
  {
    method: 'get',
    path: '/api/appointments/:id/guests',
    tag: 'guests',
    summary: "The visit's guests, removed ones too, with each one's link and code in force (the visit's doctor)",
    auth: ['DOCTOR'],
    response: { status: 200, schema: ZVisitGuestListResponseSchema },
  },
  {
    method: 'delete',
    path: '/api/appointments/:id/guests/:guestId',
    tag: 'guests',
    summary: "Remove a guest from the visit (the visit's doctor): their link stops working and they leave the call; idempotent",
    auth: ['DOCTOR'],
    response: { status: 204, description: 'Removed (or removed already).' },
  },
];
