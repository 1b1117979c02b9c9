CREATE INDEX "enquiries_subject_id_idx" ON "enquiries" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "subjects_live_created_idx" ON "subjects" USING btree ("created_at") WHERE "subjects"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "whatsapp_messages_enquiry_idx" ON "whatsapp_messages" USING btree ("enquiry_id") WHERE "whatsapp_messages"."enquiry_id" is not null;