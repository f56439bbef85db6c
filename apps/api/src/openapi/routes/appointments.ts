import {
  ZAppointmentPageSchema,
  ZAppointmentResponseSchema,
  ZCreateAppointmentRequestSchema,
  ZFindPatientsQuerySchema,
  ZFindPatientsResponseSchema,
  ZListAppointmentsQuerySchema,
  ZUpdateAppointmentRequestSchema,
} from '@telehealth/contracts';
import { type RouteEntry, SIGNED_IN } from '../route-types';

/** Finding patients and scheduling, listing, cancelling and rescheduling visits. */
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
    summary: 'Schedule a visit with a patient',
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
    summary: 'Cancel or reschedule an appointment',
    auth: ['DOCTOR', 'PATIENT'],
    body: ZUpdateAppointmentRequestSchema,
    response: { status: 200, schema: ZAppointmentResponseSchema },
    errors: { 409: true },
  },
];
