-- AlterEnum
ALTER TYPE "SessionEventType" ADD VALUE 'WAITING_MESSAGE';
